using System.CommandLine;

namespace ChurnOps.Cli.Commands;

/// <summary>The command tree: `churnops &lt;noun&gt; &lt;verb&gt;`. Each command lives in its own file and only parses and prints.</summary>
internal static class CommandCatalog
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ChurnOps: data contracts, features, training, registry, serving and monitoring for tabular models.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.LogLevel);
        foreach (var command in All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<Command> All()
    {
        // Add new commands here (one line each) so parallel work merges cleanly.
        yield return Project.InitCommand.Create();
        yield return Data.DataCommand.Create();
        yield return Ingest.IngestCommand.Create();
        yield return Quickstart.QuickstartCommand.Create();
        yield return Serve.ServeCommand.Create();
        yield return Contract.ContractCommand.Create();
        yield return Datasets.DatasetsCommand.Create();
        yield return Sla.SlaCommand.Create();
        yield return Alerts.AlertsCommand.Create();
        yield return Train.TrainCommand.Create();
        yield return Features.FeaturesCommand.Create();
        yield return Runs.RunsCommand.Create();
        yield return Score.ScoreCommand.Create();
        yield return Warehouse.WarehouseCommand.Create();
        yield return Models.ModelsCommand.Create();
        yield return Monitor.MonitorCommand.Create();
        yield return Deploy.DeployCommand.Create();
        yield return Deployments.DeploymentsCommand.Create();
        yield return Pipelines.PipelinesCommand.Create();
        yield return Scheduler.SchedulerCommand.Create();
        yield return Reproduce.ReproduceCommand.Create();
        yield return Audit.AuditCommand.Create();
        yield return Handoffs.HandoffsCommand.Create();
        yield return Tokens.TokensCommand.Create();
    }
}
