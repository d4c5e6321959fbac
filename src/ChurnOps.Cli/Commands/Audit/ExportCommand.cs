using System.CommandLine;
using System.Text;
using System.Text.Json;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Files;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Audit;

/// <summary>`churnops audit export --out FILE`: the whole chain, oldest first, one JSON object a line; the file appears whole or not at all.</summary>
internal static class ExportCommand
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

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
            long count = 0;
            try
            {
                await AtomicFile.WriteAsync(path, async (stream, token) =>
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    await foreach (var entry in log.ReadChainAsync(token).ConfigureAwait(false))
                    {
                        await writer.WriteLineAsync(JsonSerializer.Serialize(AuditEntryView.From(entry), Options).AsMemory(), token).ConfigureAwait(false);
                        count++;
                    }
                }, ct).ConfigureAwait(false);
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
