namespace ChurnOps.Platform.Registry;

/// <summary>Who asks for a registry change, and for which team. Recorded as given: authentication comes later.</summary>
public sealed record RegistryActor(string Name, string? Team)
{
    /// <summary>The OS user, as the CLI records it when no --as is given.</summary>
    public static RegistryActor CurrentUser(string? team) => new(Environment.UserName, team);
}
