using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Commands.Deployments;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Deploy;

/// <summary>`churnops deploy MODEL --version N`: starts a canary of that version against the serving alias's version.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The registered model (e.g. churn)." };
        var version = new Option<int>("--version") { Description = "The candidate model version.", Required = true };
        var canary = new Option<int?>("--canary") { Description = "The candidate's first weight in percent (default 10)." };
        var steps = new Option<string?>("--steps") { Description = "The candidate's weight at each step, ending at 100 (default 10,25,50,100)." };
        var interval = new Option<string?>("--interval") { Description = "How long each step runs before it is judged: 30s, 5m, 1h (default deployments.interval)." };
        var shadow = new Option<bool>("--shadow") { Description = "Mirror requests to the candidate without answering with it." };
        var weights = new Option<string?>("--weights") { Description = "The arms' weights at the first step as STABLE,CANDIDATE (must add up to 100)." };
        var command = new Command("deploy", "Start a canary deployment: the candidate takes a share of the serving traffic, judged step by step.");
        command.Arguments.Add(model);
        command.Options.Add(version);
        command.Options.Add(canary);
        command.Options.Add(steps);
        command.Options.Add(interval);
        command.Options.Add(shadow);
        command.Options.Add(weights);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (stepList, stepsError) = Numbers(parse.GetValue(steps), "--steps");
            var (weightList, weightsError) = Numbers(parse.GetValue(weights), "--weights");
            if ((stepsError ?? weightsError) is { } error)
            {
                return CliConsole.Error(error);
            }

            if (weightList is not null && weightList.Count != 2)
            {
                return CliConsole.Error($"--weights: give two weights, STABLE,CANDIDATE (e.g. 90,10), not {weightList.Count}");
            }

            var request = new DeployRequest(
                parse.GetValue(model)!,
                parse.GetValue(version),
                parse.GetValue(canary),
                stepList,
                parse.GetValue(interval),
                parse.GetValue(shadow),
                weightList is [var stable, var candidate] ? (stable, candidate) : null,
                Environment.UserName);
            var outcome = await workspace.Services.GetRequiredService<DeploymentService>().StartAsync(request, ct).ConfigureAwait(false);
            if (outcome.Deployment is not { } started)
            {
                return DeploymentFormat.Refused(outcome);
            }

            console.WriteJson(started);
            console.Line($"deployment {started.Id}: {started.ModelName} v{started.CandidateVersion} at {started.CandidateWeight}% beside v{started.StableVersion}" +
                $"{(started.Shadow ? " (shadow: answers stay on the stable version)" : string.Empty)}; steps {string.Join(',', started.Steps)}, each judged after {started.Interval}");
            console.Line("a running `churnops serve` picks it up within deployments.check_every; `churnops deployments show " + started.Id.ToString(CultureInfo.InvariantCulture) + "` follows it");
            return 0;
        });
        return command;
    }

    private static (List<int>? Values, string? Error) Numbers(string? text, string option)
    {
        if (text is null)
        {
            return (null, null);
        }

        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"{option}: '{(part.Length <= 20 ? part : part[..20] + "…")}' is not a whole number (e.g. {(option == "--steps" ? "10,25,50,100" : "90,10")})");
            }

            values.Add(value);
        }

        return (values, null);
    }
}
