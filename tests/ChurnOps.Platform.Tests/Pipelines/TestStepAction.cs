using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>A step action whose behaviour the test gives; it records each call's arguments and clock reading.</summary>
internal sealed class TestStepAction(string name, Func<StepContext, CancellationToken, Task<StepOutcome>> body, TimeProvider time) : IPipelineStepAction
{
    private readonly List<(DateTimeOffset At, IReadOnlyDictionary<string, string> Args)> _calls = [];

    public string Name => name;

    public IReadOnlyList<string> Arguments { get; } = ["value", "other"];

    public IReadOnlyList<(DateTimeOffset At, IReadOnlyDictionary<string, string> Args)> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add((time.GetUtcNow(), context.Args));
        }

        return body(context, cancellationToken);
    }
}
