namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>
/// A performance metric estimated without labels, with its sampling error and the band estimate ± k·error (clipped to
/// [0, 1]); <see cref="ReferenceValue"/> is the realised value on the reference, for comparison.
/// </summary>
public sealed record EstimatedMetric(string Name, double Value, double SamplingError, double Lower, double Upper, double ReferenceValue)
{
    public bool Contains(double realised) => realised >= Lower && realised <= Upper;
}
