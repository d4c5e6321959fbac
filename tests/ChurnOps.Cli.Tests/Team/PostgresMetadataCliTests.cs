using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChurnOps.Cli.Tests.Team;

/// <summary>
/// The real churnops binary on a reference project whose metadata lives on PostgreSQL (CHURNOPS__STORAGE__METADATA
/// names the test cluster's database): ingest, datasets, contracts, SLA alerts, their lifecycle and the audit trail land in PostgreSQL and
/// not in the embedded SQLite file.
/// </summary>
public sealed class PostgresMetadataCliTests(PostgresTestDatabase database) : TemplateProjectTests, IClassFixture<PostgresTestDatabase>
{
    private const string Customers = "customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at\n" +
        "C0000001,2023-01-05,basic,month-to-month,card,north,34,29.5,1,2024-06-01 10:00:00\n";

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CliProcess.RunWithEnvironmentAsync(Project.Root, new Dictionary<string, string> { ["CHURNOPS__STORAGE__METADATA"] = database.Url }, [.. args, "--dir", Project.Root]);

    [Fact]
    public async Task Commands_MetadataOnPostgres_ContractsDatasetsAndAlertsLandThere()
    {
        await database.ResetAsync();
        var file = Path.Combine(Project.Root, "customers.csv");
        await File.WriteAllTextAsync(file, Customers);
        var contract = Path.Combine(Project.Root, "contracts", "customers.yaml");

        var ingest = await RunAsync("ingest", "customers", file);
        var datasets = await RunAsync("datasets", "list");
        var publish = await RunAsync("contract", "publish", contract, "--as", "data-eng");
        var contracts = await RunAsync("contract", "list");
        var sla = await RunAsync("sla", "check", "--contract", contract);
        var alerts = await RunAsync("alerts", "list");

        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.True(datasets.ExitCode == 0 && datasets.Stdout.Contains("customers", StringComparison.Ordinal), datasets.Stdout + datasets.Stderr);
        Assert.True(publish.ExitCode == 0, publish.Stdout + publish.Stderr);
        Assert.True(contracts.ExitCode == 0 && contracts.Stdout.Contains("customers", StringComparison.Ordinal), contracts.Stdout + contracts.Stderr);
        Assert.True(sla.ExitCode == 2, sla.Stdout + sla.Stderr);
        Assert.True(alerts.ExitCode == 0 && alerts.Stdout.Contains("DataSLAViolation", StringComparison.Ordinal), alerts.Stdout + alerts.Stderr);

        var alertId = await ScalarAsync("SELECT MAX(id) FROM alerts");
        var ack = await RunAsync("alerts", "ack", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--note", "on it", "--by", "ana");
        Assert.True(ack.ExitCode == 0, ack.Stdout + ack.Stderr);

        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM dataset_versions WHERE table_name = 'customers'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM contract_versions WHERE contract_id = 'customers'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM alerts WHERE type = 'DataSLAViolation' AND status = 'acked' AND status_changed_by = 'ana'"));
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM events") > 0);
        // The audit trail of the publish and the ack is on PostgreSQL too, one chain, nothing in the embedded file.
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'contract.%'") > 0);
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'alert.%'") > 0);
        Assert.Equal(await ScalarAsync("SELECT MAX(id) FROM audit_log"), await ScalarAsync("SELECT last_id FROM audit_head"));
        var verify = await RunAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Equal(0, EmbeddedRows("dataset_versions") + EmbeddedRows("contract_versions") + EmbeddedRows("alerts") + EmbeddedRows("events") + EmbeddedRows("audit_log"));
    }

    [Fact]
    public async Task Commands_PostgresUnreachable_OneLineErrorNamingTheSetting()
    {
        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(
            Project.Root, new Dictionary<string, string> { ["CHURNOPS__STORAGE__METADATA"] = "postgresql://churnops:s3cret@127.0.0.1:1/metadata" }, "datasets", "list", "--dir", Project.Root);

        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: storage.metadata: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_MetadataNotPostgres_OneLineError()
    {
        var (code, _, stderr) = await CliProcess.RunWithEnvironmentAsync(
            Project.Root, new Dictionary<string, string> { ["CHURNOPS__STORAGE__METADATA"] = "mysql://db/metadata" }, "alerts", "list", "--dir", Project.Root);

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: storage.metadata: team mode keeps metadata on PostgreSQL", Assert.Single(stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private long EmbeddedRows(string table)
    {
        var file = Path.Combine(Project.Root, ".churnops", "metadata.db");
        if (!File.Exists(file))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
