using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: features.build</c>: applies changed feature view definitions and builds the views into <c>features.*</c>.
/// Args: <c>view</c> (default: every view), <c>dataset_version</c> (the load it builds from, recorded in the log).
/// Outputs <c>views</c>, and <c>version.VIEW</c> and <c>rows.VIEW</c> per view.
/// </summary>
internal sealed class FeaturesBuildStepAction(FeatureStore features) : IPipelineStepAction
{
    public string Name => "features.build";

    public IReadOnlyList<string> Arguments { get; } = ["view", "dataset_version"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Arg("dataset_version") is { } dataset)
        {
            context.Log("building from dataset version " + dataset);
        }

        var applied = await features.ApplyAsync(force: false, cancellationToken).ConfigureAwait(false);
        if (!applied.Succeeded)
        {
            return StepOutcome.Failure("features apply: " + applied.Error);
        }

        var built = await features.BuildAsync(context.Arg("view"), cancellationToken).ConfigureAwait(false);
        if (!built.Succeeded)
        {
            return StepOutcome.Failure("features build: " + built.Error);
        }

        var outputs = new Dictionary<string, string> { ["views"] = string.Join(",", built.Views.Select(v => v.View)) };
        foreach (var view in built.Views)
        {
            context.Log($"{view.View} version {view.Version}: {view.RowsWritten} rows written, {view.TableRows} in {view.Table}");
            outputs["version." + view.View] = view.Version;
            outputs["rows." + view.View] = view.TableRows.ToString(CultureInfo.InvariantCulture);
        }

        return StepOutcome.Success(outputs);
    }
}
