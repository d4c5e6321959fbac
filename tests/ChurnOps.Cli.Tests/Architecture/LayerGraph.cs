namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// The project graph of design/ARCHITECTURE.md as data, and the check over it: a pure function from
/// (assembly → the assemblies it references) to the edges the design does not allow, so it can be fed a broken graph.
/// </summary>
internal static class LayerGraph
{
    public const string Core = "ChurnOps.Core";
    public const string Training = "ChurnOps.Training";
    public const string Storage = "ChurnOps.Storage";
    public const string Platform = "ChurnOps.Platform";
    public const string Server = "ChurnOps.Server";
    public const string Cli = "ChurnOps.Cli";

    /// <summary>
    /// Dependencies point left, no layer skips. Core is the domain every layer speaks, so everyone may use it. Training
    /// is reachable from the faces because Platform's use cases hand out its model-package and scoring types (the pooled
    /// scoring engine is "used by serving and batch"). Storage is infrastructure: only Platform may touch it, so the
    /// server and the CLI never reach past Platform into an engine.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Core] = [],
        [Training] = [Core],
        [Storage] = [Core],
        [Platform] = [Core, Training, Storage],
        [Server] = [Platform, Training, Core],
        [Cli] = [Server, Platform, Training, Core],
    };

    /// <summary>Assemblies Platform must not reference: the embedded and team-mode database engines.</summary>
    public static readonly string[] EnginePrefixes = ["DuckDB", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Npgsql", "StackExchange.Redis", "AWSSDK"];

    /// <summary>"From -> To" for each reference between ChurnOps projects that the design does not allow.</summary>
    public static IReadOnlyList<string> ForbiddenEdges(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var violations = new List<string>();
        foreach (var (from, targets) in references)
        {
            if (!Allowed.TryGetValue(from, out var allowed))
            {
                violations.Add($"{from}: not a project of the architecture");
                continue;
            }

            violations.AddRange(targets
                .Where(to => Allowed.ContainsKey(to) && to != from && !allowed.Contains(to, StringComparer.Ordinal))
                .Select(to => $"{from} -> {to}"));
        }

        return [.. violations.Order(StringComparer.Ordinal)];
    }

    /// <summary>"Platform -> Engine" for each database-engine assembly Platform references.</summary>
    public static IReadOnlyList<string> EngineReferences(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references.TryGetValue(Platform, out var targets)
            ? [.. targets.Where(IsEngine).Select(to => $"{Platform} -> {to}").Order(StringComparer.Ordinal)]
            : [];
    }

    private static bool IsEngine(string assembly) =>
        EnginePrefixes.Any(prefix => assembly.StartsWith(prefix, StringComparison.Ordinal));
}
