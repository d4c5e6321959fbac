using System.Globalization;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Tests;

/// <summary>A reference project in a temp directory with a real SQLite file and a real DuckDB file.</summary>
internal sealed class TestProject : IAsyncDisposable
{
    public const string CustomersHeader = "customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at";

    private TestProject(string root, ChurnOpsWorkspace workspace)
    {
        Root = root;
        Workspace = workspace;
    }

    public string Root { get; }

    public ChurnOpsWorkspace Workspace { get; }

    public static async Task<TestProject> CreateAsync(TimeProvider? time = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "churnops-tests", Guid.NewGuid().ToString("N"));
        await ProjectTemplate.WriteAsync(root, false, CancellationToken.None);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, time ?? TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        return new TestProject(root, workspace!);
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Root, "data", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A valid customers row; override cells by column name.</summary>
    public static string Customer(int id, string? plan = null, string? age = null, string? charges = null, string? updatedAt = null) =>
        string.Join(',',
            "C" + id.ToString("D7", CultureInfo.InvariantCulture),
            "2023-01-05",
            plan ?? "basic",
            "month-to-month",
            "card",
            "north",
            age ?? "34",
            charges ?? "29.5",
            "1",
            updatedAt ?? "2024-06-01 10:00:00");

    public static string CustomersCsv(params string[] rows) => CustomersHeader + "\n" + string.Join("\n", rows) + "\n";

    public async Task<long> CountAsync(string sql) =>
        Convert.ToInt64(await Workspace.Warehouse.ScalarAsync(sql, CancellationToken.None), CultureInfo.InvariantCulture);

    public async Task<long> CountOrZeroAsync(string schema, string table) =>
        await Workspace.Warehouse.TableExistsAsync(schema, table, CancellationToken.None) ? await CountAsync($"SELECT count(*) FROM {schema}.{table}") : 0;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A DuckDB handle may still be closing; the temp directory is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
