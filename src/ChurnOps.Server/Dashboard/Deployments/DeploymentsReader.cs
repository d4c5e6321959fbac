using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Server.Dashboard.Deployments;

/// <summary>What the Deployments pages show, from the deployment use case; the JSON twins are /api/v1/deployments[/ID].</summary>
internal sealed class DeploymentsReader(DeploymentService deployments)
{
    public const int ListLimit = 100;

    public Task<IReadOnlyList<Deployment>> ListAsync(CancellationToken ct) => deployments.ListAsync(ListLimit, ct);

    public async Task<DeploymentPageModel?> GetAsync(long id, CancellationToken ct) =>
        await deployments.GetAsync(id, ct).ConfigureAwait(false) is { } details ? DeploymentPageModel.From(details) : null;
}
