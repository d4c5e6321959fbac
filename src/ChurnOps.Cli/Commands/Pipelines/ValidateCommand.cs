using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Pipelines;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check every pipelines/*.yaml; each problem is one 'file:line: message' line (exit 1 on any error).");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var catalog = await workspace.Services.GetRequiredService<PipelineCatalog>().LoadAsync(ct).ConfigureAwait(false);
            console.WriteJson(new { valid = !catalog.HasErrors, pipelines = catalog.Pipelines.Select(p => p.Name), issues = catalog.Issues });
            foreach (var warning in catalog.Issues.Where(i => !i.IsError))
            {
                Console.Error.WriteLine(TerminalText.Line(warning.ToString()));
            }

            if (catalog.HasErrors)
            {
                return CliConsole.Errors(string.Join('\n', catalog.Issues.Where(i => i.IsError).Select(i => i.ToString())));
            }

            console.Line($"{catalog.Pipelines.Count} pipeline(s) valid: {string.Join(", ", catalog.Pipelines.Select(p => p.Name))}");
            return 0;
        });
        return command;
    }
}
