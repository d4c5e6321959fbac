using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

internal static class BuildCommand
{
    public static Command Create()
    {
        var view = new Argument<string?>("view") { Description = "One view to build (default: every registered view).", DefaultValueFactory = _ => null };
        var from = new Option<string?>("--from") { Description = "Rebuild only event times from this instant (inclusive, UTC), e.g. 2024-03-01." };
        var to = new Option<string?>("--to") { Description = "Rebuild only event times before this instant (exclusive, UTC)." };
        var command = new Command("build", "Run the views' SQL into features.<view> and record feature statistics.");
        command.Arguments.Add(view);
        command.Options.Add(from);
        command.Options.Add(to);
        ProjectAction.Set(command, ProjectAccess.ReadWrite, async (parse, workspace, console, ct) =>
        {
            if (!TryParseInstant("--from", parse.GetValue(from), out var fromValue, out var fromError))
            {
                return CliConsole.Error(fromError!);
            }

            if (!TryParseInstant("--to", parse.GetValue(to), out var toValue, out var toError))
            {
                return CliConsole.Error(toError!);
            }

            var store = workspace.Services.GetRequiredService<FeatureStore>();

            var result = await console.StepAsync("Building features", () => store.BuildAsync(parse.GetValue(view), fromValue, toValue, ct)).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            console.Table(
                ["view", "version", "table", "rows written", "table rows", "dropped (null key/time)"],
                result.Views.Select(v => (IReadOnlyList<string>)[v.View, v.Version, v.Table, Format(v.RowsWritten), Format(v.TableRows), Format(v.RowsDropped)]));
            return 0;
        });
        return command;
    }

    internal static bool TryParseInstant(string option, string? text, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"{option}: '{text}' is not a date or timestamp (e.g. 2024-03-01 or 2024-03-01T12:00:00Z)";
        return false;
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
