namespace ChurnOps.Core.Registry;

/// <summary>What the evaluation gates said about a version when it was trained: the thresholds applied, and every failure.</summary>
public sealed record GateVerdict(
    bool Passed,
    IReadOnlyDictionary<string, double> Thresholds,
    IReadOnlyList<string> Failures);
