namespace ChurnOps.Core.Pipelines;

/// <summary>How a step attempt ended: success with its outputs for downstream steps, or the reason it failed.</summary>
public sealed record StepOutcome(bool Succeeded, string? Error, IReadOnlyDictionary<string, string> Outputs)
{
    private static readonly IReadOnlyDictionary<string, string> NoOutputs = new Dictionary<string, string>();

    public static StepOutcome Success(IReadOnlyDictionary<string, string>? outputs = null) => new(true, null, outputs ?? NoOutputs);

    public static StepOutcome Failure(string error) => new(false, error, NoOutputs);
}
