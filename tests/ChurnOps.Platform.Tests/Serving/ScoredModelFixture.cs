using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Core.Registry;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Platform.Tests.Serving;

/// <summary>
/// A project with one LightGBM model registered as churn v1 (alias champion), trained on a table with numbers, a
/// boolean, a timestamp and text, and that table written as CSV (with missing cells and a quoted comma).
/// </summary>
public sealed class ScoredModelFixture : IAsyncLifetime
{
    public const int Rows = 1500;

    internal TestProject Project { get; private set; } = null!;

    public ModelPackage Package { get; private set; } = null!;

    public string CsvPath { get; private set; } = null!;

    public IReadOnlyList<string> CsvLines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Project = await TestProject.CreateAsync();
        var data = ChurnShapedTables.Mixed(Rows, seed: 5);
        var request = new TrainingRequest(data, "churned", ["customer_id"], ["lightgbm"], 1, 0.2, EvaluationGates.None) { SearchTrials = 1, ImportanceRepeats = 0, RenderPlots = false };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        Package = outcome.WinnerPackage ?? throw new InvalidOperationException(outcome.Error);
        const string Artifact = "models/churn/1/model.zip";
        await Project.Workspace.Artifacts.WriteAsync(Artifact, (s, ct) => Package.SaveAsync(s, ct), CancellationToken.None);
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
        var version = await Project.Workspace.Registry.RegisterAsync(new NewModelVersion("churn", "run-1", Artifact, "lightgbm", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
        await Project.Workspace.Registry.SetAliasAsync("churn", "champion", version.Version, CancellationToken.None);
        CsvLines = ToCsv(data);
        CsvPath = Project.WriteFile("customers.csv", string.Join("\n", CsvLines) + "\n");
    }

    public async Task DisposeAsync() => await Project.DisposeAsync();

    /// <summary>The cells of data row <paramref name="row"/> as the server receives them in a JSON request.</summary>
    public static Dictionary<string, object?> RequestRow(string header, string line)
    {
        var names = header.Split(',');
        var cells = SplitCsv(line);
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var cell = cells[i];
            row[names[i]] = names[i] switch
            {
                "customer_id" or "contract" or "signup_at" or "churned" => cell.Length == 0 ? null : cell,
                "has_partner" => cell.Length == 0 ? null : cell == "true",
                _ => cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture),
            };
        }

        return row;
    }

    private static List<string> ToCsv(TabularData data)
    {
        var lines = new List<string> { string.Join(',', data.Columns.Select(c => c.Name)) };
        for (var r = 0; r < data.RowCount; r++)
        {
            var cells = data.Columns.Select(c => c switch
            {
                { Kind: ColumnKind.Timestamp } => DateTimeOffset.FromUnixTimeSeconds((long)c.Numbers![r]).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                { Kind: ColumnKind.Boolean } => c.Numbers![r] == 1 ? "true" : "false",
                { Numbers: { } numbers } => double.IsNaN(numbers[r]) ? string.Empty : numbers[r].ToString("R", CultureInfo.InvariantCulture),
                // Every 7th text value carries a comma, so it has to be quoted.
                _ => c.Texts![r] is { } text ? (r % 7 == 3 && c.Name == "contract" ? "\"" + text + ", paid\"" : text) : string.Empty,
            });
            lines.Add(string.Join(',', cells));
        }

        return lines;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
