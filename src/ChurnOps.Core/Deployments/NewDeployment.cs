namespace ChurnOps.Core.Deployments;

/// <summary>A checked request to start a deployment; the store gives it an id and starts it at step 0.</summary>
public sealed record NewDeployment(
    string ModelName,
    string Alias,
    int StableVersion,
    int CandidateVersion,
    IReadOnlyList<int> Steps,
    TimeSpan Interval,
    bool Shadow,
    string CreatedBy);
