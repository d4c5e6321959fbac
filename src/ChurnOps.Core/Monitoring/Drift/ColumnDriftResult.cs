namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// One column's drift verdict and the evidence for it. <see cref="Score"/> is the p-value for p-value tests and the
/// distance otherwise; <see cref="Statistic"/> is the test statistic (KS D, chi-square, z) where the test has one.
/// When the test could not run (e.g. no non-null value on one side), <see cref="Error"/> says why and the column is
/// not drifted. Non-finite numbers are null.
/// </summary>
public sealed record ColumnDriftResult
{
    public required string Column { get; init; }

    public required DriftColumnKind Kind { get; init; }

    public DriftColumnRole Role { get; init; }

    public required DriftTest Test { get; init; }

    /// <summary>Why this test: Evidently's rule that picked it, or the override.</summary>
    public required string TestReason { get; init; }

    public double? Statistic { get; init; }

    public double? Score { get; init; }

    public double? PValue => DriftTestNames.IsPValue(Test) ? Score : null;

    public double? Distance => DriftTestNames.IsPValue(Test) ? null : Score;

    public required double Threshold { get; init; }

    public bool Drifted { get; init; }

    /// <summary>Non-null values on each side (the sample sizes of the test).</summary>
    public long ReferenceCount { get; init; }

    public long CurrentCount { get; init; }

    /// <summary>Distinct non-null values over both sides together (what Evidently's choice of test looks at).</summary>
    public long DistinctValues { get; init; }

    public double ReferenceNullShare { get; init; }

    public double CurrentNullShare { get; init; }

    /// <summary>True when the current null share exceeds the reference one by more than the tolerance.</summary>
    public bool NullShareRose { get; init; }

    /// <summary>Category values seen in the current data but never in the reference (at most the configured number).</summary>
    public IReadOnlyList<string> NewCategories { get; init; } = [];

    public long NewCategoryCount { get; init; }

    public DriftHistogram? Histogram { get; init; }

    public string? Error { get; init; }
}
