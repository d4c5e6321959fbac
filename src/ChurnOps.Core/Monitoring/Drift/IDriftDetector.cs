namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// Compares current data with reference data column by column. Every reference column must be in the current data
/// (matched by name, case-insensitive); current columns without a reference are ignored.
/// </summary>
public interface IDriftDetector
{
    DriftOutcome Detect(IReadOnlyList<DriftColumnData> reference, IReadOnlyList<DriftColumnData> current, DriftOptions options, CancellationToken cancellationToken = default);
}
