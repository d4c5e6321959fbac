namespace ChurnOps.Platform.Deployments;

/// <summary>What `churnops deploy` and POST /api/v1/deployments ask for; checked by <see cref="DeploymentService.StartAsync"/>.</summary>
public sealed record DeployRequest(
    string Model,
    int Version,
    int? Canary,
    IReadOnlyList<int>? Steps,
    string? Interval,
    bool Shadow,
    (int Stable, int Candidate)? Weights,
    string CreatedBy);
