using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Audit;

/// <summary>`churnops audit verify`: walks the hash chain; exit 0 when intact, else 1 naming the first broken entry.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check the audit log's hash chain: exit 0 when intact, else name the first entry that was edited, deleted or reordered.");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var log = workspace.Services.GetRequiredService<IAuditLog>();
            var head = await log.HeadAsync(ct).ConfigureAwait(false);
            var result = await AuditChain.VerifyAsync(log.ReadChainAsync(ct), head, ct).ConfigureAwait(false);
            console.WriteJson(new { entries = result.Entries, intact = result.Intact, brokenId = result.BrokenId, problem = result.Problem });
            if (!result.Intact)
            {
                return CliConsole.Error($"audit chain broken at entry {result.BrokenId}: {result.Problem}");
            }

            console.Line($"{result.Entries} entries, chain intact");
            return 0;
        });
        return command;
    }
}
