using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>The model that answered, its scores, and the deployment arm it answered for (null when no deployment routed the request).</summary>
internal readonly record struct RoutedScore(ServedModel Served, float[] Probabilities, ArmTicket? Arm);
