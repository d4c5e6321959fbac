namespace ChurnOps.Platform.Access;

/// <summary>One activity's line of `access.raci`: team names or roles. Whoever is Responsible or Accountable may perform it.</summary>
public sealed class RaciSettings
{
    public List<string> Responsible { get; set; } = [];

    /// <summary>The one team (or role) that answers for the activity.</summary>
    public string? Accountable { get; set; }

    public List<string> Consulted { get; set; } = [];

    public List<string> Informed { get; set; } = [];
}
