using System.Runtime.CompilerServices;
using System.Text.Json;
using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Audit;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Audit;

public sealed class AuditTrailTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_OutsideARequest_RecordsTheProcessActorTimeAndCapsAHugeSummary()
    {
        var log = new RecordingLog();
        var trail = new AuditTrail(log, new LocalActor("cli"), new FakeTimeProvider(T0));
        var huge = new { rows = Enumerable.Range(0, 100_000).Select(i => $"customer-{i}").ToList() };

        await trail.RecordAsync("model_version.approve", "model_version", "churn/3", AuditOutcome.Succeeded, new { status = "pending_approval" }, huge, "ok", CancellationToken.None);

        var record = Assert.Single(log.Records);
        Assert.Equal(Actor.Local(Environment.UserName), record.Actor);
        Assert.Equal($"cli {Environment.MachineName}", record.Origin);
        Assert.Equal(T0, record.At);
        Assert.Equal("""{"status":"pending_approval"}""", record.Before);
        Assert.True(record.After!.Length <= AuditTrail.MaxSummaryChars, $"{record.After.Length} chars kept");
        using var after = JsonDocument.Parse(record.After);
        Assert.True(after.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(after.RootElement.GetProperty("chars").GetInt32() > 1_000_000);
    }

    [Fact]
    public async Task RecordAsync_InsideARequestScope_RecordsTheRequestsActorOriginRouteAndCountsIt()
    {
        var log = new RecordingLog();
        var trail = new AuditTrail(log, new LocalActor("server"), new FakeTimeProvider(T0));
        var scope = new AuditScope(() => new Actor("dana", "mlops-team", "token"), "http 10.0.0.7", "POST /api/v1/deployments/7/rollback");

        using (AuditScope.Enter(scope))
        {
            await trail.RecordAsync("deployment.rollback", "deployment", "7", AuditOutcome.Refused, null, null, "deployment 7 is completed", CancellationToken.None);
        }

        await trail.RecordAsync("deployment.promote", "deployment", "8", AuditOutcome.Succeeded, null, null, null, CancellationToken.None);

        Assert.Equal(1, scope.Recorded);
        Assert.Null(AuditScope.Current);
        var (inside, outside) = (log.Records[0], log.Records[1]);
        Assert.Equal(("dana", "mlops-team", "token"), (inside.Actor.Name, inside.Actor.Team, inside.Actor.Authentication));
        Assert.Equal(("http 10.0.0.7", "POST /api/v1/deployments/7/rollback"), (inside.Origin, inside.Route));
        Assert.Equal($"server {Environment.MachineName}", outside.Origin);
        Assert.Null(outside.Route);
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("12h", 720)]
    [InlineData("7d", 10080)]
    public void AuditSince_Age_CountsBackFromNow(string text, int minutes)
    {
        var (since, error) = AuditSince.Parse(text, T0);

        Assert.Null(error);
        Assert.Equal(T0.AddMinutes(-minutes), since);
    }

    [Fact]
    public void AuditSince_IsoTimeOrGarbage_ParsedOrRefusedWithTheText()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), AuditSince.Parse("2026-11-29", T0).Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), AuditSince.Parse("2026-11-29T04:00:00+01:00", T0).Since);
        Assert.StartsWith("since: 'soon' is neither", AuditSince.Parse("soon", T0).Error, StringComparison.Ordinal);
    }

    private sealed class RecordingLog : IAuditLog
    {
        public List<AuditRecord> Records { get; } = [];

        public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return Task.FromResult(new AuditEntry(Records.Count, record, AuditChain.Genesis, AuditChain.Hash(AuditChain.Genesis, Records.Count, record)));
        }

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async IAsyncEnumerable<AuditEntry> ReadChainAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<AuditHead> HeadAsync(CancellationToken cancellationToken) => Task.FromResult(new AuditHead(Records.Count, string.Empty));
    }
}
