using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Platform.Monitoring.Drift;

/// <summary>
/// churnops.yaml `monitoring.drift:` — the share of drifted columns that makes the dataset drift, how much the null
/// share may rise, the Jensen–Shannon log base, and per-column test/threshold overrides.
/// </summary>
public sealed class DriftSettings
{
    public double DatasetDriftShare { get; set; } = 0.5;

    public double NullShareTolerance { get; set; } = 0.05;

    /// <summary>Null (the default) is the natural logarithm, as Evidently calls scipy; 2 gives distances in [0, 1].</summary>
    public double? JensenShannonBase { get; set; }

    public Dictionary<string, DriftColumnSettings> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate(string path)
    {
        if (DatasetDriftShare is <= 0 or > 1 || double.IsNaN(DatasetDriftShare))
        {
            yield return $"{path}.dataset_drift_share: must be in (0, 1]";
        }

        if (NullShareTolerance is < 0 or > 1 || double.IsNaN(NullShareTolerance))
        {
            yield return $"{path}.null_share_tolerance: must be in [0, 1]";
        }

        if (JensenShannonBase is { } b && (b <= 0 || b == 1 || !double.IsFinite(b)))
        {
            yield return $"{path}.jensen_shannon_base: must be a positive number other than 1";
        }

        foreach (var (column, settings) in Columns)
        {
            if (settings.Test is { } test && !DriftTestNames.TryParse(test, out _))
            {
                yield return $"{path}.columns.{column}.test: '{test}' is not a drift test (one of {DriftTestNames.AllNames})";
            }

            if (settings.Threshold is { } threshold && (threshold <= 0 || !double.IsFinite(threshold)))
            {
                yield return $"{path}.columns.{column}.threshold: must be a positive number";
            }
        }
    }

    /// <summary>The engine's options; <paramref name="overrides"/> (e.g. from the command line) win over the file.</summary>
    public DriftOptions ToOptions(IReadOnlyDictionary<string, DriftColumnOptions>? overrides = null)
    {
        var columns = new Dictionary<string, DriftColumnOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, settings) in Columns)
        {
            DriftTest? test = settings.Test is { } name && DriftTestNames.TryParse(name, out var parsed) ? parsed : null;
            columns[column] = new DriftColumnOptions(test, settings.Threshold);
        }

        foreach (var (column, option) in overrides ?? new Dictionary<string, DriftColumnOptions>())
        {
            var file = columns.GetValueOrDefault(column);
            columns[column] = new DriftColumnOptions(option.Test ?? file?.Test, option.Threshold ?? file?.Threshold);
        }

        return new DriftOptions
        {
            DatasetDriftShare = DatasetDriftShare,
            NullShareTolerance = NullShareTolerance,
            JensenShannonBase = JensenShannonBase,
            Columns = columns,
        };
    }
}
