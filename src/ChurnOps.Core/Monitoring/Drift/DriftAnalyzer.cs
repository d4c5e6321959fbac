namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// The drift engine: checks the inputs, prepares each column once (sort, count), tests the columns in parallel
/// (bounded by the core count) and sums the dataset verdict over the feature columns.
/// </summary>
public sealed class DriftAnalyzer : IDriftDetector
{
    public DriftOutcome Detect(IReadOnlyList<DriftColumnData> reference, IReadOnlyList<DriftColumnData> current, DriftOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        if (reference.Count == 0)
        {
            return DriftOutcome.Failed("the reference has no columns to compare");
        }

        var referenceRows = reference[0].Length;
        if (reference.Any(c => c.Length != referenceRows))
        {
            return DriftOutcome.Failed("the reference columns have different lengths");
        }

        if (referenceRows < 2)
        {
            return DriftOutcome.Failed($"the reference has {referenceRows} row{(referenceRows == 1 ? string.Empty : "s")}; at least 2 are needed to compare distributions");
        }

        var byName = new Dictionary<string, DriftColumnData>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in current)
        {
            byName.TryAdd(column.Name, column);
        }

        var missing = reference.Where(c => !byName.ContainsKey(c.Name)).Select(c => $"'{c.Name}'").ToList();
        if (missing.Count > 0)
        {
            return DriftOutcome.Failed($"the current data lacks {(missing.Count == 1 ? "column" : "columns")} {string.Join(", ", missing)} of the reference");
        }

        var pairs = reference.Select(r => (Reference: r, Current: byName[r.Name])).ToList();
        var mismatched = pairs.Where(p => p.Reference.Kind != p.Current.Kind)
            .Select(p => $"'{p.Reference.Name}' is {Describe(p.Reference.Kind)} in the reference but {Describe(p.Current.Kind)} in the current data").ToList();
        if (mismatched.Count > 0)
        {
            return DriftOutcome.Failed(string.Join("; ", mismatched));
        }

        var currentRows = pairs[0].Current.Length;
        if (pairs.Any(p => p.Current.Length != currentRows))
        {
            return DriftOutcome.Failed("the current columns have different lengths");
        }

        if (currentRows == 0)
        {
            return DriftOutcome.Failed("the current data has no rows (an empty window): there is nothing to compare");
        }

        var results = new ColumnDriftResult[pairs.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount),
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, pairs.Count, parallel, i =>
        {
            var (r, c) = pairs[i];
            var referenceSample = ColumnSample.From(r);
            var currentSample = ColumnSample.From(c);
            results[i] = ColumnDriftCalculator.Calculate(r.Name, r.Kind, r.Role, referenceSample, currentSample, options);
        });

        var features = results.Where(r => r.Role == DriftColumnRole.Feature).ToList();
        var drifted = features.Count(r => r.Drifted);
        var share = features.Count == 0 ? 0 : (double)drifted / features.Count;
        return DriftOutcome.Of(new DriftReport
        {
            Columns = results,
            ReferenceRows = referenceRows,
            CurrentRows = currentRows,
            FeatureColumns = features.Count,
            DriftedFeatureColumns = drifted,
            DriftShare = share,
            DatasetDriftShare = options.DatasetDriftShare,
            DatasetDrift = features.Count > 0 && share >= options.DatasetDriftShare,
        });
    }

    private static string Describe(DriftColumnKind kind) => kind == DriftColumnKind.Numeric ? "numeric" : "text";
}
