namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// Today's violations of the architecture rules, each waiting for the work that removes it. The tests assert these lists
/// exactly: a new violation fails, and so does an entry that no longer happens, so the lists can only shrink.
/// </summary>
internal static class KnownViolations
{
    public static readonly KnownViolation[] Layers =
    [
        new("ChurnOps.Server -> ChurnOps.Storage", "issue 10, composition root: Server/Mlflow/MlflowApiExtensions.cs registers Storage's tracking stores"),
    ];

    public static readonly KnownViolation[] Engines =
    [
        new("ChurnOps.Platform -> DuckDB.NET.Data", "issue 10, engine types out of Platform: Ingestion/WarehouseLoad, Monitoring/PredictionLog and PredictionWriter, Serving/Files/FileScorer, Projects/ChurnOpsWorkspace"),
    ];

    public static readonly KnownViolation[] Clock = [];

    public static readonly KnownViolation[] Unsealed = [];

    /// <summary>Null when <paramref name="actual"/> is exactly the listed violations; else what was added and what went away.</summary>
    public static string? Drift(IReadOnlyList<KnownViolation> known, IReadOnlyList<string> actual)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(actual);
        var listed = known.Select(entry => entry.Violation).ToHashSet(StringComparer.Ordinal);
        var added = actual.Where(violation => !listed.Contains(violation)).ToList();
        var gone = listed.Where(violation => !actual.Contains(violation, StringComparer.Ordinal)).ToList();
        return added.Count == 0 && gone.Count == 0
            ? null
            : $"new violations (fix them): [{string.Join(", ", added)}]; no longer happening (remove them from KnownViolations): [{string.Join(", ", gone)}]";
    }
}
