namespace ChurnOps.Core.Pipelines;

/// <summary>
/// A step kind a pipeline names in <c>run:</c> (<c>ingest</c>, <c>features.build</c>, <c>train</c>…): one use case
/// behind a name. Expected failures come back as a failed <see cref="StepOutcome"/>; honour the token (a timeout cancels it).
/// </summary>
public interface IPipelineStepAction
{
    string Name { get; }

    /// <summary>Argument names the action reads; any other is a validation error.</summary>
    IReadOnlyList<string> Arguments { get; }

    Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken);
}
