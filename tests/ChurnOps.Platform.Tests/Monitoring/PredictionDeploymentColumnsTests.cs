using System.Buffers;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Tests.Monitoring;

/// <summary>Every logged prediction carries its deployment id and arm: through the journal's lines and into the warehouse, old tables included.</summary>
public sealed class PredictionDeploymentColumnsTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void JournalLine_WithAndWithoutDeployment_ReadsBackTheSame()
    {
        var lines = new PredictionJournalLines();
        lines.Add(Record("p1") with { DeploymentId = 7, Arm = "candidate" });
        lines.Add(Record("p2"));
        var buffer = new ArrayBufferWriter<byte>();
        lines.CopyLine(0, 1, buffer);
        var first = buffer.WrittenMemory.ToArray();
        buffer.ResetWrittenCount();
        lines.CopyLine(1, 2, buffer);

        var routed = PredictionJournalLines.Parse(first.AsMemory(0, first.Length - 1), "s")!;
        var plain = PredictionJournalLines.Parse(buffer.WrittenMemory[..^1], "s")!;

        Assert.Equal((7L, "candidate"), (routed.DeploymentId, routed.Arm));
        Assert.Equal((null, null), (plain.DeploymentId, plain.Arm));
    }

    [Fact]
    public async Task Append_TableFromBeforeDeployments_GainsTheColumns_OldRowsReadAsNoDeployment()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        await warehouse.ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS monitoring;
            CREATE TABLE monitoring.predictions (prediction_id VARCHAR NOT NULL, model_name VARCHAR NOT NULL, model_version INTEGER NOT NULL,
                entity_id VARCHAR, probability DOUBLE NOT NULL, label BOOLEAN NOT NULL, source VARCHAR NOT NULL, scored_at TIMESTAMP NOT NULL, inputs VARCHAR);
            INSERT INTO monitoring.predictions VALUES ('old', 'churn', 1, 'C1', 0.5, false, 'online', '2026-11-01', NULL);
            """, CancellationToken.None);

        await new PredictionWriter(warehouse, new DuckDbWarehouseAppender(warehouse)).AppendAsync([Record("new") with { DeploymentId = 3, Arm = "stable" }], CancellationToken.None);

        var rows = await warehouse.QueryAsync("SELECT prediction_id, CAST(deployment_id AS VARCHAR) AS deployment, arm FROM monitoring.predictions ORDER BY prediction_id", CancellationToken.None);
        Assert.Equal(["new", "old"], rows["prediction_id"].Texts!.Select(t => t ?? "NULL"));
        Assert.Equal(["3", "NULL"], rows["deployment"].Texts!.Select(t => t ?? "NULL"));
        Assert.Equal(["stable", "NULL"], rows["arm"].Texts!.Select(t => t ?? "NULL"));
    }

    private static PredictionRecord Record(string id) => new(id, "churn", 2, "C9", 0.75, true, "online", At, "{}");
}
