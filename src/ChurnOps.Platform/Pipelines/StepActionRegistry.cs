using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The step actions a pipeline may name in <c>run:</c>, keyed by name: every <see cref="IPipelineStepAction"/> in the
/// container. An area adds one (register, deploy, monitor…) with one registration line; a pipeline naming an action
/// that is not here fails validation, naming it.
/// </summary>
public sealed class StepActionRegistry
{
    private readonly Dictionary<string, IPipelineStepAction> _actions;

    public StepActionRegistry(IEnumerable<IPipelineStepAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        // The last registration of a name wins, so a test or a team backend can replace an action.
        _actions = new Dictionary<string, IPipelineStepAction>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            _actions[action.Name] = action;
        }
    }

    public IPipelineStepAction? Find(string name) => _actions.GetValueOrDefault(name);

    /// <summary>Each action's name and the argument names it takes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Describe() =>
        _actions.ToDictionary(a => a.Key, a => a.Value.Arguments, StringComparer.Ordinal);
}
