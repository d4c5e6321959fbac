using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;

namespace ChurnOps.Server.Predict;

/// <summary>One online scoring: the model that answered (the alias's, or a deployment arm's), scores and decisions in row order, and the arm.</summary>
internal sealed record OnlineScore(ServedModel ScoredBy, float[] Probabilities, bool[] Decisions, ArmTicket? Arm);
