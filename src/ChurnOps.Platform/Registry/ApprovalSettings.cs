namespace ChurnOps.Platform.Registry;

/// <summary>
/// `registry.approval`: who signs a version off before the serving alias may point at it. The accountable team
/// defaults to the project's team with role mlops (else ml-engineering); four-eyes keeps the trainer from approving.
/// </summary>
public sealed class ApprovalSettings
{
    public string? AccountableTeam { get; set; }

    public bool FourEyes { get; set; } = true;
}
