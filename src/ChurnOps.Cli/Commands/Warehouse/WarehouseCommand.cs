using System.CommandLine;

namespace ChurnOps.Cli.Commands.Warehouse;

/// <summary>`churnops warehouse compact`: maintenance of the embedded DuckDB warehouse.</summary>
internal static class WarehouseCommand
{
    public static Command Create()
    {
        var command = new Command("warehouse", "Maintain the embedded warehouse (.churnops/warehouse.duckdb).");
        command.Subcommands.Add(CompactCommand.Create());
        return command;
    }
}
