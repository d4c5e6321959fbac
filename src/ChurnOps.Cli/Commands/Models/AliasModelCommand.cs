using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models alias NAME ALIAS VERSION`: points an alias at a version (the serving alias only at an approved one).</summary>
internal static class AliasModelCommand
{
    public static Command Create()
    {
        var name = ModelArguments.Name();
        var alias = new Argument<string>("alias") { Description = "Any name (champion, challenger…); 'latest' and vN are reserved." };
        var version = ModelArguments.Version();
        var command = new Command("alias", "Point an alias at a version; the serving alias (serving.alias) needs an approved version.");
        command.Arguments.Add(name);
        command.Arguments.Add(alias);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (number, versionError) = ModelArguments.ParseVersion(parse.GetValue(version)!);
            if (versionError is not null)
            {
                return CliConsole.Error(versionError, 2);
            }

            var result = await workspace.Services.GetRequiredService<ModelLifecycle>().SetAliasAsync(parse.GetValue(name)!, parse.GetValue(alias)!, number, ct).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                return ModelArguments.Error(error);
            }

            console.WriteJson(new { model = result.Value!.ModelName, alias = parse.GetValue(alias), version = number });
            console.Line($"{result.Value.ModelName}@{parse.GetValue(alias)} → v{number}");
            return 0;
        });
        return command;
    }
}
