using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary><c>run: features.materialize</c>: copies the newest feature values to the online store. Args: <c>incremental</c> (default true).</summary>
internal sealed class FeaturesMaterializeStepAction(FeatureStore features) : IPipelineStepAction
{
    public string Name => "features.materialize";

    public IReadOnlyList<string> Arguments { get; } = ["incremental"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var incremental = !string.Equals(context.Arg("incremental", "true"), "false", StringComparison.OrdinalIgnoreCase);
        var result = await features.MaterializeAsync(incremental, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return StepOutcome.Failure("features materialize: " + result.Error);
        }

        foreach (var view in result.Views)
        {
            context.Log($"{view.View} version {view.Version}: {view.EntitiesWritten} entities written, {view.EntitiesOnline} online");
        }

        return StepOutcome.Success(new Dictionary<string, string> { ["views"] = string.Join(",", result.Views.Select(v => v.View)) });
    }
}
