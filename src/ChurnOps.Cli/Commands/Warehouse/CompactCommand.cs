using System.CommandLine;
using System.Globalization;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Warehouse;

/// <summary>
/// `churnops warehouse compact`: DuckDB reuses the blocks a killed load or a dropped table leaves free but does not give
/// them back to the disk; this rewrites the file without them, holding the writer lock throughout.
/// </summary>
internal static class CompactCommand
{
    public static Command Create()
    {
        var command = new Command("compact", "Rewrite the warehouse file without free space (after a killed load or dropped tables).");
        ProjectAction.Set(command, ProjectAccess.ReadWrite, async (parse, workspace, console, ct) =>
        {
            var (before, after) = await workspace.CompactWarehouseAsync(ct).ConfigureAwait(false);
            console.WriteJson(new { before, after });
            string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
            console.Line($"{workspace.Layout.WarehouseFile}: {Mb(before)} -> {Mb(after)}");
            return 0;
        });
        return command;
    }
}
