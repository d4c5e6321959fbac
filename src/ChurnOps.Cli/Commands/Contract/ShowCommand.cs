using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Cli.Commands.Contract;

internal static class ShowCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("contract") { Description = "A contract file, or a table name (contracts/NAME.yaml)." };
        var dir = GlobalOptions.ProjectDir();
        var command = new Command("show", "Print a contract: owners, tables, columns with their constraints, SLAs.");
        command.Arguments.Add(target);
        command.Options.Add(dir);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var (contract, error) = await ContractFiles.LoadAsync(parse.GetValue(target)!, parse.GetValue(dir)!, ct).ConfigureAwait(false);
            if (contract is null)
            {
                return CliConsole.Error(error!);
            }

            console.WriteJson(contract);
            console.Line($"{contract.Id} {contract.Version} ({contract.Standard} {contract.ApiVersion}, {contract.Status})");
            console.Line($"  producers: {string.Join(", ", contract.Producers)}; consumers: {string.Join(", ", contract.Consumers)}");
            foreach (var schema in contract.Schema)
            {
                console.Line($"table {schema.TableName}" + (schema.PrimaryKey.Count > 0 ? $" (key {string.Join(", ", schema.PrimaryKey.Select(p => p.Name))})" : string.Empty));
                console.Table(["column", "type", "required", "unique", "constraints"], schema.Properties.Select(p => (IReadOnlyList<string>)
                [
                    p.Name, ContractTypes.WarehouseType(p), p.Required ? "yes" : "no", p.MustBeUnique ? "yes" : "no", Constraints(p),
                ]));
                foreach (var rule in schema.Quality)
                {
                    console.Line($"  quality: {rule.Describe()}");
                }
            }

            foreach (var sla in contract.Sla)
            {
                console.Line($"sla {sla.Property}: {sla.Value} {sla.Unit}{(sla.Element is null ? string.Empty : " on " + sla.Element)}");
            }

            return 0;
        });
        return command;
    }

    private static string Constraints(ContractProperty p)
    {
        var parts = new List<string>();
        string N(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (p.Minimum is { } min) { parts.Add(">= " + N(min)); }
        if (p.ExclusiveMinimum is { } xmin) { parts.Add("> " + N(xmin)); }
        if (p.Maximum is { } max) { parts.Add("<= " + N(max)); }
        if (p.ExclusiveMaximum is { } xmax) { parts.Add("< " + N(xmax)); }
        if (p.Pattern is { } pattern) { parts.Add("pattern " + pattern); }
        if (p.MinLength is { } minLength) { parts.Add("length >= " + minLength.ToString(CultureInfo.InvariantCulture)); }
        if (p.MaxLength is { } maxLength) { parts.Add("length <= " + maxLength.ToString(CultureInfo.InvariantCulture)); }
        if (p.ValidValues is { } values) { parts.Add("in [" + string.Join(", ", values) + "]"); }
        return string.Join("; ", parts);
    }
}
