using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: deploy</c>: starts a canary of an approved version (what `churnops deploy` does); the running server walks
/// its steps and rolls it back on its own figures. A version nobody approved fails the step: a pipeline never ships a
/// model past the registry's hand-off. Args: <c>model</c>, <c>version</c> (e.g. <c>${steps.train.outputs.model_version}</c>),
/// <c>canary</c>, <c>steps</c> (comma-separated), <c>interval</c>, <c>shadow</c>. Outputs <c>deployment_id</c>.
/// </summary>
internal sealed class DeployStepAction(DeploymentService deployments, ProjectConfig config) : IPipelineStepAction
{
    public string Name => "deploy";

    public IReadOnlyList<string> Arguments { get; } = ["model", "version", "canary", "steps", "interval", "shadow"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var versionText = context.Arg("version");
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return StepOutcome.Failure($"deploy: version '{versionText ?? string.Empty}' is not a model version (a positive whole number)");
        }

        int? canary = null;
        if (context.Arg("canary") is { Length: > 0 } canaryText)
        {
            if (!int.TryParse(canaryText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return StepOutcome.Failure($"deploy: canary '{canaryText}' is not a percentage");
            }

            canary = parsed;
        }

        List<int>? steps = null;
        if (context.Arg("steps") is { Length: > 0 } stepsText)
        {
            steps = [];
            foreach (var part in stepsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                {
                    return StepOutcome.Failure($"deploy: step '{part}' is not a percentage");
                }

                steps.Add(step);
            }
        }

        var shadowText = context.Arg("shadow", "false")!;
        if (!bool.TryParse(shadowText, out var shadow))
        {
            return StepOutcome.Failure($"deploy: shadow '{shadowText}' is neither true nor false");
        }

        var request = new DeployRequest(context.Arg("model", config.Model.Name)!, version, canary, steps, context.Arg("interval"), shadow, null, $"pipeline:{context.Run.Pipeline}");
        var outcome = await deployments.StartAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome.Deployment is not { } deployment)
        {
            return StepOutcome.Failure("deploy: " + outcome.Error);
        }

        context.Log($"deployment {deployment.Id}: {deployment.ModelName} v{deployment.CandidateVersion} at {deployment.CandidateWeight}% against v{deployment.StableVersion}");
        return StepOutcome.Success(new Dictionary<string, string> { ["deployment_id"] = deployment.Id.ToString(CultureInfo.InvariantCulture) });
    }
}
