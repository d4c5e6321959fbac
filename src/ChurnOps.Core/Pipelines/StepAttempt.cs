namespace ChurnOps.Core.Pipelines;

/// <summary>One try of one step in a run, with what it printed, why it failed and the outputs it handed downstream.</summary>
public sealed record StepAttempt(
    long RunId,
    string Step,
    int Attempt,
    StepState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Log,
    string? Error,
    IReadOnlyDictionary<string, string> Outputs);
