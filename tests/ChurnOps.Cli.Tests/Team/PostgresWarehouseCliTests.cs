using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Cli.Tests.Serve;
using Npgsql;

namespace ChurnOps.Cli.Tests.Team;

/// <summary>
/// The real churnops binary on a reference project whose metadata AND warehouse live on PostgreSQL (churnops.yaml's
/// storage.metadata and storage.warehouse name the test cluster's database): ingest with a bad row quarantined at its
/// true line, contract test, features build (the template's feature SQL), train, score --log, monitor run, and a real
/// `churnops serve` logging its predictions, all landing in PostgreSQL's schemas; the embedded DuckDB file is never
/// created.
/// </summary>
public sealed class PostgresWarehouseCliTests(PostgresTestDatabase database) : TemplateProjectTests, IClassFixture<PostgresTestDatabase>
{
    private static readonly string[] Quick = ["--trainers", "logreg", "--search-trials", "1", "--cv-folds", "2"];

    [Fact]
    public async Task Lifecycle_MetadataAndWarehouseOnPostgres_EveryStepLandsThere()
    {
        await ResetAsync();
        await File.AppendAllTextAsync(Path.Combine(Project.Root, "churnops.yaml"), $"\nstorage:\n  metadata: {database.Url}\n  warehouse: {database.Url}\n");
        var data = Path.Combine(Project.Root, "generated");
        var generated = await CliProcess.RunAsync(Project.Root, "data", "generate", "--rows", "300", "--seed", "42", "--as-of", "2026-11-01", "--out", data);
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        var customers = Path.Combine(data, "customers.csv");
        var lines = await File.ReadAllLinesAsync(customers);
        // A quoted value with a line break moves every later record one line down; the bad row is reported where it is.
        var header = lines[0].Split(',');
        var quoted = lines[1].Split(',');
        quoted[Array.IndexOf(header, "support_tickets")] = "\"" + quoted[Array.IndexOf(header, "support_tickets")] + "\n\"";
        var bad = lines[2].Split(',');
        bad[Array.IndexOf(header, "age")] = "not-a-number";
        await File.WriteAllLinesAsync(customers, [lines[0], string.Join(',', quoted), string.Join(',', bad), .. lines[3..]]);

        var ingest = await RunOkAsync("ingest", "customers", customers);
        await RunOkAsync("ingest", "events", Path.Combine(data, "events.csv"));
        await RunOkAsync("ingest", "labels", Path.Combine(data, "labels.csv"));
        var contract = await CliProcess.RunAsync(Project.Root, "contract", "test", "customers", "--dir", Project.Root);
        await RunOkAsync("features", "apply");
        await RunOkAsync("features", "build");
        var trained = JsonDocument.Parse(await RunOkAsync(["train", "--json", .. Quick])).RootElement;
        var version = trained.GetProperty("registered_version").GetInt32().ToString(CultureInfo.InvariantCulture);
        var rows = Path.Combine(Project.Root, "rows.csv");
        // Each customer's latest feature row from PostgreSQL is the file to score.
        await WriteLatestFeaturesAsync(rows);
        // The entity file is read in this process and loaded into a scratch table on PostgreSQL, then dropped.
        var entities = Path.Combine(Project.Root, "entities.csv");
        var features = await File.ReadAllLinesAsync(rows);
        var keep = new[] { Array.IndexOf(features[0].Split(','), "customer_id"), Array.IndexOf(features[0].Split(','), "event_timestamp") };
        await File.WriteAllLinesAsync(entities, features.Select(l => string.Join(',', keep.Select(i => l.Split(',')[i]))));
        var trainingSet = await RunOkAsync("features", "training-set", "--entities", entities, "--views", "customer_features", "--out", Path.Combine(Project.Root, "set.csv"));
        await RunOkAsync("features", "training-set", "--entities", entities, "--views", "customer_features", "--out", Path.Combine(Project.Root, "set.parquet"));
        await RunOkAsync("score", "-m", $"churn:{version}", "-i", rows, "-o", Path.Combine(Project.Root, "scores.csv"), "--log");
        var monitor = await RunOkAsync("monitor", "run", "--window", "1d", "--json");

        Assert.Contains("quarantine", ingest, StringComparison.OrdinalIgnoreCase);
        Assert.True(contract.ExitCode == 0, contract.Stdout + contract.Stderr);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM quarantine.customers"));
        // Header on line 1, the record with the quoted line break on lines 2-3, the bad record on line 4.
        Assert.Equal(4, await ScalarAsync("SELECT _source_line FROM quarantine.customers"));
        Assert.Equal(lines.Length - 1, await ScalarAsync("SELECT COUNT(*) FROM raw.customers"));
        Assert.Equal(lines.Length + 1, await ScalarAsync("SELECT MAX(_source_line) FROM raw.customers"));
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM features.customer_features") > 0);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'features' AND tablename = 'customer_features'"));
        var scored = File.ReadAllLines(Path.Combine(Project.Root, "scores.csv")).Length - 1;
        Assert.Equal(scored, await ScalarAsync("SELECT COUNT(*) FROM monitoring.predictions WHERE source <> 'online'"));
        using (var report = JsonDocument.Parse(monitor))
        {
            Assert.Equal(scored, report.RootElement.GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("predictions").GetInt64()));
        }

        Assert.Contains($"Wrote {features.Length - 1:N0} rows", trainingSet, StringComparison.Ordinal);
        var set = await File.ReadAllLinesAsync(Path.Combine(Project.Root, "set.csv"));
        Assert.StartsWith("customer_id,event_timestamp,", set[0], StringComparison.Ordinal);
        Assert.Equal(features.Skip(1).Select(l => l.Split(',')[keep[0]]).Order(StringComparer.Ordinal), set.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(Project.Root, "set.parquet")));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'staging' AND tablename LIKE '\\_\\_file\\_%'"));
        Assert.False(File.Exists(Path.Combine(Project.Root, ".churnops", "warehouse.duckdb")), "the DuckDB warehouse must stay closed when storage.warehouse names PostgreSQL");

        // A real server on the same project: what it answers is logged to PostgreSQL's monitoring.predictions.
        await RunOkAsync("models", "approve", "churn", version, "--as", "carol", "--team", "mlops-team");
        await RunOkAsync("models", "alias", "churn", "champion", version);
        await using var server = await ServedProcess.StartAsync("churnops.dll", ["serve", "-C", Project.Root, "--port", "0"]);
        var body = await ServeRowsAsync(server.Url!, rows);
        Assert.True(await WaitAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM monitoring.predictions WHERE source = 'online'") == body, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task Commands_WarehouseUnreachableFromEnvironment_OneLineErrorNamingTheSetting()
    {
        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(
            Project.Root, new Dictionary<string, string> { ["CHURNOPS__STORAGE__WAREHOUSE"] = "postgresql://churnops:s3cret@127.0.0.1:1/warehouse" }, "datasets", "list", "--dir", Project.Root);

        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: storage.warehouse: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private async Task<string> RunOkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, [.. args, "--dir", Project.Root]);
        Assert.True(code == 0, $"churnops {string.Join(' ', args)} exited {code}: {stderr}\n{stdout}");
        return stdout;
    }

    /// <summary>Posts the first rows of the scored file to /invocations as CSV, without the feature timestamp; the number of rows sent.</summary>
    private static async Task<long> ServeRowsAsync(Uri url, string rowsCsv)
    {
        var all = await File.ReadAllLinesAsync(rowsCsv);
        var skip = Array.IndexOf(all[0].Split(','), "event_timestamp");
        var lines = all.Take(21).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != skip))).ToArray();
        using var client = new HttpClient { BaseAddress = url };
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        using var response = await client.PostAsync(new Uri("/invocations", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return lines.Length - 1;
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }

    private async Task WriteLatestFeaturesAsync(string path)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT ON (customer_id) * FROM features.customer_features ORDER BY customer_id, event_timestamp DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))).Append('\n');
        while (await reader.ReadAsync())
        {
            csv.Append(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? string.Empty : reader.GetValue(i) switch
            {
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            }))).Append('\n');
        }

        await File.WriteAllTextAsync(path, csv.ToString());
    }

    private async Task ResetAsync()
    {
        await database.ResetAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP SCHEMA IF EXISTS raw, staging, quarantine, features, monitoring CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? -1 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
