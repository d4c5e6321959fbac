using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Alerts;

internal static class ListCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only alerts of this type (DataSLAViolation…)." };
        var limit = new Option<int>("--limit") { Description = "At most this many alerts.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List alerts, newest first.");
        command.Options.Add(type);
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var alerts = await workspace.Alerts.ListAsync(parse.GetValue(type), parse.GetValue(limit), ct).ConfigureAwait(false);
            console.WriteJson(alerts);
            console.Table(["id", "type", "subject", "rule", "measured", "threshold", "team", "at"], alerts.Select(a => (IReadOnlyList<string>)
                [a.Id.ToString(CultureInfo.InvariantCulture), a.Type, a.Subject, a.Rule, a.Measured, a.Threshold, a.Team, a.RaisedAt.ToString("u", CultureInfo.InvariantCulture)]));
            return 0;
        });
        return command;
    }
}
