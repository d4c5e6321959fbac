using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Project;

internal static class InitCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Where to write the project.", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Write the reference churn project (churnops.yaml, contracts, features, pipelines).");
        command.Arguments.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var result = await ProjectTemplate.WriteAsync(parse.GetValue(dir)!, overwrite: false, ct).ConfigureAwait(false);
            if (result.Error is not null)
            {
                return CliConsole.Error(result.Error);
            }

            console.Line($"Project written to {result.Root}");
            foreach (var file in result.Written)
            {
                console.Line("  " + file);
            }

            console.WriteJson(result);
            return 0;
        });
        return command;
    }
}
