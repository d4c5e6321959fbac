using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Storage.Audit;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Audit;

/// <summary>
/// The audit log on each metadata engine: the chain verifies, and a row edited, deleted, reordered or slipped in by hand
/// (straight through the engine's own driver, as someone with database access would) is caught and named.
/// </summary>
public abstract class AuditLogContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A migrated metadata database with a fresh audit log; opening again in the same test gives the same data.</summary>
    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    /// <summary>Runs <paramref name="sql"/> on the test's database through the engine's driver, bypassing the store.</summary>
    protected abstract Task ExecuteByHandAsync(string sql);

    private static AuditRecord Record(int minute, string action = "model_version.approve", string objectId = "churn/3", string actor = "ana", string? team = "mlops-team") =>
        new(T0.AddMinutes(minute).AddTicks(1234567), new Actor(actor, team, "local"), "cli host-1", action, "model_version", objectId, AuditOutcome.Succeeded)
        {
            Before = """{"status":"pending_approval"}""",
            After = """{"status":"approved","note":"é ✓"}""",
            Reason = "looks good",
        };

    private async Task<SqlAuditLog> WithEntriesAsync(int count)
    {
        var log = new SqlAuditLog(await OpenDatabaseAsync());
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Record(i, objectId: $"churn/{i}"), Ct);
        }

        return log;
    }

    private static async Task<AuditVerification> VerifyAsync(SqlAuditLog log) =>
        await AuditChain.VerifyAsync(log.ReadChainAsync(Ct), await log.HeadAsync(Ct), Ct);

    [Fact]
    public async Task AppendAsync_ThreeEntries_ChainsThemAndVerifies()
    {
        var log = await WithEntriesAsync(3);

        var chain = new List<AuditEntry>();
        await foreach (var entry in log.ReadChainAsync(Ct))
        {
            chain.Add(entry);
        }

        var result = await VerifyAsync(log);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(3, result.Entries);
        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Id));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        // What was stored reads back exactly: time to the tick, actor, JSON and unicode.
        Assert.Equal(Record(2, objectId: "churn/2"), chain[1].Record);
        Assert.Equal(new AuditHead(3, chain[2].Hash), await log.HeadAsync(Ct));
        // The hashes are those of the records as written, computed without any database: the same on every engine.
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 3; i++)
        {
            previous = AuditChain.Hash(previous, i, Record(i, objectId: $"churn/{i}"));
            Assert.Equal(previous, chain[i - 1].Hash);
        }
    }

    [Theory]
    [InlineData("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 2")]
    [InlineData("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")]
    [InlineData("UPDATE audit_log SET at = '2026-11-30T08:02:00.0000000Z' WHERE id = 2")]
    [InlineData("UPDATE audit_log SET after_json = '{\"status\":\"rejected\"}' WHERE id = 2")]
    public async Task Verify_RowEditedByHand_NamesThatEntry(string edit)
    {
        var log = await WithEntriesAsync(4);

        await ExecuteByHandAsync(edit);
        var result = await VerifyAsync(log);

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenId);
        Assert.Contains("entry 2 was changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleRowDeleted_NamesTheMissingEntry()
    {
        var log = await WithEntriesAsync(4);

        await ExecuteByHandAsync("DELETE FROM audit_log WHERE id = 3");
        var result = await VerifyAsync(log);

        Assert.Equal(3, result.BrokenId);
        Assert.Contains("entry 3 is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastRowDeleted_CaughtByTheHead()
    {
        var log = await WithEntriesAsync(4);

        await ExecuteByHandAsync("DELETE FROM audit_log WHERE id = 4");
        var result = await VerifyAsync(log);

        Assert.Equal(4, result.BrokenId);
        Assert.Equal(3, result.Entries);
    }

    [Fact]
    public async Task Verify_TwoRowsSwapped_NamesTheFirstOutOfPlace()
    {
        var log = await WithEntriesAsync(4);

        // Reorder: entries 2 and 3 trade places (their ids), contents and hashes unchanged.
        await ExecuteByHandAsync("UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2;");
        var result = await VerifyAsync(log);

        Assert.Equal(2, result.BrokenId);
    }

    [Fact]
    public async Task Verify_ForgedRowInsertedWithItsOwnValidHash_CaughtAtTheEntryAfterIt()
    {
        var log = await WithEntriesAsync(3);
        var chain = new List<AuditEntry>();
        await foreach (var entry in log.ReadChainAsync(Ct))
        {
            chain.Add(entry);
        }

        // A forger who knows the scheme: shift entry 3 to 4, put a forged entry 3 that chains correctly after entry 2.
        var forged = Record(2, action: "model_version.reject", objectId: "churn/2", actor: "mallory");
        var forgedHash = AuditChain.Hash(chain[1].Hash, 3, forged);
        await ExecuteByHandAsync($"""
            UPDATE audit_log SET id = 4 WHERE id = 3;
            INSERT INTO audit_log (id, at, actor, team, authentication, origin, action, object_kind, object_id, outcome, status, route, reason, before_json, after_json, previous_hash, hash)
            VALUES (3, '{AuditChain.Timestamp(forged.At)}', 'mallory', 'mlops-team', 'local', 'cli host-1', 'model_version.reject', 'model_version', 'churn/2', 'succeeded', NULL, NULL,
                    'looks good', '{forged.Before}', '{forged.After}', '{chain[1].Hash}', '{forgedHash}');
            """);
        var result = await VerifyAsync(log);

        Assert.Equal(4, result.BrokenId);
    }

    [Fact]
    public async Task AppendAsync_TwoConnectionsAppendingAtOnce_KeepOneUnbrokenChain()
    {
        // Two independently opened databases on one file (as a CLI beside a server, or two server replicas): 2 × 40 appends interleaved.
        var first = new SqlAuditLog(await OpenDatabaseAsync());
        var second = new SqlAuditLog(await OpenDatabaseAsync());

        var writers = new[] { first, second }.Select((log, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await log.AppendAsync(Record(i, actor: $"writer-{w}"), Ct);
            }
        }));
        await Task.WhenAll(writers);

        var result = await VerifyAsync(first);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(80, result.Entries);
        Assert.Equal(40, (await first.QueryAsync(new AuditQuery(Actor: "writer-0", Max: 1000), Ct)).Count);
        Assert.Equal(40, (await second.QueryAsync(new AuditQuery(Actor: "writer-1", Max: 1000), Ct)).Count);
    }

    [Fact]
    public async Task QueryAsync_Filters_MatchActorTeamObjectPrefixActionNounAndSince()
    {
        var log = new SqlAuditLog(await OpenDatabaseAsync());
        await log.AppendAsync(Record(1, "model_version.approve", "churn/3", "ana", "mlops-team"), Ct);
        await log.AppendAsync(Record(2, "deployment.rollback", "7", "bo", "mlops-team") with { ObjectKind = "deployment" }, Ct);
        await log.AppendAsync(Record(3, "run.delete", "abc_1%", "cy", null) with { ObjectKind = "run" }, Ct);

        static async Task<long[]> Ids(SqlAuditLog log, AuditQuery query) => (await log.QueryAsync(query, Ct)).Select(e => e.Id).ToArray();

        Assert.Equal(new long[] { 3L, 2L, 1L }, await Ids(log, new AuditQuery()));
        Assert.Equal(new long[] { 1L }, await Ids(log, new AuditQuery(Actor: "ana")));
        Assert.Equal(new long[] { 2L, 1L }, await Ids(log, new AuditQuery(Actor: "mlops-team")));
        Assert.Equal(new long[] { 1L }, await Ids(log, new AuditQuery(Object: "churn")));
        Assert.Equal(new long[] { 1L }, await Ids(log, new AuditQuery(Object: "churn/3")));
        Assert.Equal(new long[] { 2L }, await Ids(log, new AuditQuery(Object: "deployment:7")));
        Assert.Equal(new long[] { 3L }, await Ids(log, new AuditQuery(Object: "abc_1%")));
        Assert.Empty(await Ids(log, new AuditQuery(Object: "abc")));
        // Prefixes match case-sensitively like the exact matches, on every engine.
        Assert.Empty(await Ids(log, new AuditQuery(Object: "CHURN")));
        Assert.Empty(await Ids(log, new AuditQuery(Action: "Model_Version")));
        Assert.Equal(new long[] { 1L }, await Ids(log, new AuditQuery(Action: "model_version")));
        Assert.Equal(new long[] { 2L }, await Ids(log, new AuditQuery(Action: "deployment.rollback")));
        Assert.Empty(await Ids(log, new AuditQuery(Action: "deploy")));
        Assert.Equal(new long[] { 3L, 2L }, await Ids(log, new AuditQuery(Since: T0.AddMinutes(2))));
        Assert.Equal(new long[] { 3L }, await Ids(log, new AuditQuery(Max: 1)));
    }

    [Fact]
    public async Task Migrations_OnAFreshFile_StartTheHeadAtGenesis()
    {
        var log = new SqlAuditLog(await OpenDatabaseAsync());

        var result = await VerifyAsync(log);

        Assert.Equal(new AuditHead(0, AuditChain.Genesis), await log.HeadAsync(Ct));
        Assert.True(result.Intact);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public async Task AppendAsync_LogAndHeadBothEmptied_StartsAgainAtGenesis()
    {
        var log = await WithEntriesAsync(2);

        await ExecuteByHandAsync("DELETE FROM audit_log; DELETE FROM audit_head;");
        var emptied = await log.HeadAsync(Ct);
        var entry = await log.AppendAsync(Record(5), Ct);

        Assert.Equal(new AuditHead(0, AuditChain.Genesis), emptied);
        Assert.Equal(1, entry.Id);
        Assert.Equal(AuditChain.Genesis, entry.PreviousHash);
        var result = await VerifyAsync(log);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(1, result.Entries);
    }

    [Fact]
    public async Task AppendAsync_HeadDeletedWithEntriesLeft_RefusesAndVerifyReportsIt()
    {
        var log = await WithEntriesAsync(2);

        await ExecuteByHandAsync("DELETE FROM audit_head");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Record(5), Ct));
        var result = await VerifyAsync(log);

        Assert.Contains("head row is missing", error.Message, StringComparison.Ordinal);
        Assert.False(result.Intact);
        Assert.Equal(2, (await log.QueryAsync(new AuditQuery(), Ct)).Count);
    }
}
