using System.Text.Json;
using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Audit;

/// <summary>
/// `churnops audit list|export|verify` with real churnops processes on a copy of the quickstart project: CLI mutations
/// (alias, alert ack) are recorded as the OS user from "cli HOST", the export holds the whole chain, and a row edited
/// in the database file is named by verify.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed class AuditCliTests(QuickstartFixture fixture) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task AuditCommands_QuickstartCopy_RecordCliMutationsExportAllAndVerifyCatchesAnEdit()
    {
        var project = _temp.Sub("project");
        ProjectCopy.Into(fixture.ProjectDir, project);
        var alert = await RaiseDriftAsync(project);

        var alias = await CliProcess.RunAsync(project, "models", "alias", "churn", "challenger", "1");
        var ack = await CliProcess.RunAsync(project, "alerts", "ack", alert.ToString(System.Globalization.CultureInfo.InvariantCulture), "--note", "looking");
        Assert.True(alias.ExitCode == 0, alias.Stderr);
        Assert.True(ack.ExitCode == 0, ack.Stderr);

        // The quickstart moved champion (twice); this command moved challenger.
        var aliases = await ListAsync(project, "--action", "registered_model.set_alias", "--object", "churn", "--since", "1h");
        Assert.Equal(3, aliases.Count);
        var aliased = aliases[0];
        Assert.Equal(Environment.UserName, aliased.GetProperty("actor").GetString());
        Assert.Equal("local", aliased.GetProperty("authentication").GetString());
        Assert.Equal($"cli {Environment.MachineName}", aliased.GetProperty("origin").GetString());
        Assert.Equal("succeeded", aliased.GetProperty("outcome").GetString());
        Assert.Equal("challenger", aliased.GetProperty("after").GetProperty("request").GetProperty("alias").GetString());
        Assert.Equal(1, aliased.GetProperty("after").GetProperty("state").GetProperty("aliases").GetProperty("challenger").GetInt32());
        var acked = Assert.Single(await ListAsync(project, "--action", "alert.ack"));
        Assert.Equal("open", acked.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("acked", acked.GetProperty("after").GetProperty("status").GetString());
        // The quickstart's own sign-off went through the same use case: recorded with who signed for which team.
        var approved = (await ListAsync(project, "--action", "model_version.approve")).Last();
        Assert.Equal("quickstart", approved.GetProperty("after").GetProperty("request").GetProperty("signed_off_by").GetString());
        Assert.Equal("approved", approved.GetProperty("after").GetProperty("state").GetProperty("status").GetString());

        var exportFile = _temp.Sub("audit.jsonl");
        var export = await CliProcess.RunAsync(project, "audit", "export", "--out", exportFile);
        var verify = await CliProcess.RunAsync(project, "audit", "verify");
        var lines = await File.ReadAllLinesAsync(exportFile);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal($"{lines.Length} entries, chain intact", verify.Stdout.Trim());
        Assert.Equal(Enumerable.Range(1, lines.Length).Select(i => (long)i), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()));

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(project, ".churnops", "metadata.db")}"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE id = 2";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var broken = await CliProcess.RunAsync(project, "audit", "verify");
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("error: audit chain broken at entry 2: entry 2 was changed after it was written", broken.Stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', broken.Stderr.Trim());
    }

    [Fact]
    public async Task AuditList_BadSince_OneLineErrorExit2()
    {
        var project = _temp.Sub("project");
        ProjectCopy.Into(fixture.ProjectDir, project);

        var (code, _, error) = await CliProcess.RunAsync(project, "audit", "list", "--since", "last tuesday");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --since: 'last tuesday' is neither an ISO-8601 time", error.Trim(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ListAsync(string project, params string[] filters)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(project, ["audit", "list", "--json", .. filters]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<long> RaiseDriftAsync(string project)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var (alert, created) = await workspace.Services.GetRequiredService<IAlertLifecycle>().RaiseOnceAsync(
            new Alert(0, Alert.DriftDetected, "churn/v1", "column drift", "2/13", "any", "mlops-team", "churn v1: 2 of 13 input columns drifted", DateTimeOffset.UtcNow)
            {
                Cause = "drift:churn:v1:audit-test",
                Runbook = "runbooks/drift.md",
            },
            CancellationToken.None);
        Assert.True(created);
        return alert.Id;
    }
}
