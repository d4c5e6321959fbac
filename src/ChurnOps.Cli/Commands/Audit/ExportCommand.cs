using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Audit;

/// <summary>`churnops audit export --out FILE`: the whole chain, oldest first, one JSON object a line; the file appears whole or not at all.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "The JSON-lines file to write.", Required = true };
        var command = new Command("export", "Export every audit entry, oldest first, as JSON lines (with the chain hashes).");
        command.Options.Add(output);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (Directory.Exists(path))
            {
                return CliConsole.Error($"--out: {path} is a directory", 2);
            }

            var log = workspace.Services.GetRequiredService<IAuditLog>();
            long count;
            try
            {
                count = await AuditExport.WriteAsync(log, path, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CliConsole.Error($"--out: cannot write {path}: {ex.Message}");
            }

            console.WriteJson(new { file = path, entries = count });
            console.Line($"exported {count} audit entries to {path}");
            return 0;
        });
        return command;
    }
}
