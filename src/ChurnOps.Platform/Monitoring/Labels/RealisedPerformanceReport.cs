namespace ChurnOps.Platform.Monitoring.Labels;

/// <summary>
/// Realised performance per window and version, and the labels that matched no prediction of the model (customers it
/// never scored), counted and sampled so a bad labels file is visible without failing the run.
/// </summary>
public sealed record RealisedPerformanceReport(
    IReadOnlyList<RealisedWindow> Windows,
    long LabelsWithoutPrediction,
    IReadOnlyList<string> UnknownCustomerSamples,
    string? Note)
{
    public static RealisedPerformanceReport None(string note) => new([], 0, [], note);
}
