using System.Globalization;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Cli.Commands.Deployments;

/// <summary>How deployments print: one table row each, and a refusal as its one-line error.</summary>
internal static class DeploymentFormat
{
    public static IReadOnlyList<string> Headers { get; } = ["id", "model", "stable", "candidate", "step", "weights (stable/candidate)", "status", "step started (UTC)", "reason"];

    public static IReadOnlyList<string> Row(Deployment d) =>
    [
        d.Id.ToString(CultureInfo.InvariantCulture),
        d.ModelName,
        "v" + d.StableVersion.ToString(CultureInfo.InvariantCulture),
        "v" + d.CandidateVersion.ToString(CultureInfo.InvariantCulture) + (d.Shadow ? " (shadow)" : string.Empty),
        $"{d.StepIndex + 1}/{d.Steps.Count} [{string.Join(',', d.Steps)}]",
        $"{d.StableWeight}/{d.CandidateWeight}",
        DeploymentService.Status(d.Status),
        d.StepStartedAt.ToString("u", CultureInfo.InvariantCulture),
        d.Reason ?? "-",
    ];

    /// <summary>Exit 1 for every refusal; the message says whether it was bad input, something unknown or a conflict.</summary>
    public static int Refused(DeploymentOutcome outcome) => Output.CliConsole.Error(outcome.Error ?? "refused");
}
