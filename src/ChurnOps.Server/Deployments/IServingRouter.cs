using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>The inference path's one question about deployments: which arm answers this request (null: no deployment, serve the alias).</summary>
internal interface IServingRouter
{
    ArmTicket? Route(string model, ServedModel aliasModel, string? entityId);
}
