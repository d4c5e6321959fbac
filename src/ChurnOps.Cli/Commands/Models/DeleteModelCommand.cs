using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models delete NAME [VERSION]`: refused while an alias points at the version (or the serving alias is set).</summary>
internal static class DeleteModelCommand
{
    public static Command Create()
    {
        var name = ModelArguments.Name();
        var version = new Argument<string?>("version") { Description = "The version to delete; without it, the whole model.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("delete", "Delete a version (or a whole model); numbers are never reused and approvals stay on record.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var lifecycle = workspace.Services.GetRequiredService<ModelLifecycle>();
            var modelName = parse.GetValue(name)!;
            if (parse.GetValue(version) is { } text)
            {
                var (number, versionError) = ModelArguments.ParseVersion(text);
                if (versionError is not null)
                {
                    return CliConsole.Error(versionError, 2);
                }

                var deleted = await lifecycle.DeleteVersionAsync(modelName, number, ct).ConfigureAwait(false);
                if (deleted.Error is { } error)
                {
                    return ModelArguments.Error(error);
                }

                console.WriteJson(new { model = modelName, version = number, deleted = true });
                console.Line($"deleted {modelName} v{number}");
                return 0;
            }

            var removed = await lifecycle.DeleteModelAsync(modelName, ct).ConfigureAwait(false);
            if (removed.Error is { } modelError)
            {
                return ModelArguments.Error(modelError);
            }

            console.WriteJson(new { model = modelName, deleted = true });
            console.Line($"deleted model {modelName}");
            return 0;
        });
        return command;
    }
}
