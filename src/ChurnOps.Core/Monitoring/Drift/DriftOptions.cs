namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>How a drift report is computed. The defaults are Evidently's.</summary>
public sealed record DriftOptions
{
    public static readonly DriftOptions Default = new();

    /// <summary>The dataset drifts when at least this share of the feature columns drifts.</summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    /// <summary>Per-column test and threshold overrides, by column name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, DriftColumnOptions> Columns { get; init; } =
        new Dictionary<string, DriftColumnOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The logarithm base of the Jensen–Shannon distance. Null is the natural logarithm, which is what Evidently passes to
    /// scipy (<c>distance.jensenshannon(p, q, base=None)</c>); 2 gives a distance in [0, 1].
    /// </summary>
    public double? JensenShannonBase { get; init; }

    /// <summary>A column's null share "rises" when the current share exceeds the reference share by more than this.</summary>
    public double NullShareTolerance { get; init; } = 0.05;

    /// <summary>At most this many columns are tested at once (null = the number of cores).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>How many new category values a column result lists (the count is always whole).</summary>
    public int MaxListedNewCategories { get; init; } = 20;

    public DriftColumnOptions? For(string column) => Columns.TryGetValue(column, out var options) ? options : null;
}
