using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands;

/// <summary>Who runs this CLI command, as recorded (trainer, approver): the CHURNOPS_TOKEN's name when set, else the OS user.</summary>
internal static class CommandActor
{
    public static async Task<Core.Access.Actor> ResolveAsync(ChurnOpsWorkspace workspace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var caller = await workspace.Services.GetRequiredService<AccessGate>().CallerAsync(Environment.UserName, Environment.GetEnvironmentVariable(AccessGate.TokenVariable), ct).ConfigureAwait(false);
        // A refused token stopped the command before it ran (CommandPermissions); a read runs as the OS user.
        return caller.Actor ?? Core.Access.Actor.Local(Environment.UserName);
    }

    public static async Task<string> NameAsync(ChurnOpsWorkspace workspace, CancellationToken ct) => (await ResolveAsync(workspace, ct).ConfigureAwait(false)).Name;
}
