using System.CommandLine;

namespace ChurnOps.Cli.Commands.Features;

/// <summary>`churnops features &lt;verb&gt;`: feature views, builds, training sets and the online store.</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var command = new Command("features", "Feature views: apply definitions, build features.<view>, point-in-time training sets, materialize online.");
        command.Subcommands.Add(ApplyCommand.Create());
        command.Subcommands.Add(BuildCommand.Create());
        command.Subcommands.Add(TrainingSetCommand.Create());
        command.Subcommands.Add(MaterializeCommand.Create());
        command.Subcommands.Add(ShowCommand.Create());
        return command;
    }
}
