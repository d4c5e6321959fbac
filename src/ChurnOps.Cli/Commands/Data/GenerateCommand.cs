using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Generation;

namespace ChurnOps.Cli.Commands.Data;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Number of customers.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "data" };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Snapshot time (UTC); default: today at 00:00 UTC." };
        var drift = new Option<bool>("--drift") { Description = "Shift distributions and add new category values (for monitoring)." };
        var command = new Command("generate", "Generate realistic customers, usage events and churn labels as CSV.");
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(asOf);
        command.Options.Add(drift);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var snapshot = parse.GetValue(asOf) ?? new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
            var options = new SyntheticDataOptions(parse.GetValue(rows), parse.GetValue(seed), snapshot, parse.GetValue(drift));
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                return CliConsole.Error(string.Join("; ", errors), 2);
            }

            var result = await console.StepAsync($"Generating {options.Rows:N0} customers", () => SyntheticChurnData.WriteAsync(options, parse.GetValue(output)!, ct)).ConfigureAwait(false);
            console.Line($"customers: {result.Customers:N0} -> {result.CustomersFile}");
            console.Line($"events:    {result.Events:N0} -> {result.EventsFile}");
            console.Line($"labels:    churn rate {(double)result.Churned / result.Customers:P1} -> {result.LabelsFile}");
            console.WriteJson(result);
            return 0;
        });
        return command;
    }
}
