using ChurnOps.Platform.Monitoring;
using ChurnOps.Storage.Warehouse;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Monitoring;

public sealed class PredictionJournalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task RecordAsync_WithAJournal_ReturnsOnlyOnceThePredictionsAreInTheSegmentFile()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(_dir.Sub("journal")));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => log.RecordAsync([Record($"j{i}")], CancellationToken.None).AsTask()));

        var segment = Assert.Single(Directory.GetFiles(_dir.Sub("journal")));
        var text = await ReadSharedAsync(segment);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Contains($"\"j{i}\"", text, StringComparison.Ordinal));
        Assert.True(log.Durable);
    }

    [Fact]
    public async Task Replay_AfterACrashWithPartOfTheSegmentWrittenAndATornTail_WritesEveryJournaledPredictionOnce()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var journalDir = _dir.Sub("journal");
        var crashed = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir));
        await crashed.RecordAsync([Record("a0"), Record("a1"), Record("a2")], CancellationToken.None);
        await crashed.FlushAsync(CancellationToken.None);
        await crashed.RecordAsync([Record("b0"), Record("b1")], CancellationToken.None);
        Assert.Equal(3, await CountAsync(warehouse));

        // The process dies here: b0 and b1 are journaled but not written, and the group being appended is torn (it was
        // going where the next group goes: after the last line, over the zeros the segment was made with).
        var segment = Assert.Single(Directory.GetFiles(journalDir));
        await using (var tail = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            var bytes = new byte[tail.Length];
            await tail.ReadExactlyAsync(bytes);
            tail.Position = Array.IndexOf(bytes, (byte)0);
            Assert.True(tail.Position > 0, "the segment holds no lines");
            await tail.WriteAsync("{\"seq\":99,\"prediction\":{\"PredictionId\":\"tor"u8.ToArray());
        }

        var logger = new RecordingLogger();
        var next = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir), logger: logger);
        await next.ReplayAsync(CancellationToken.None);

        var ids = await warehouse.QueryAsync("SELECT prediction_id FROM monitoring.predictions ORDER BY prediction_id", CancellationToken.None);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1"], ids["prediction_id"].Texts!.Select(t => t!));
        Assert.Equal(2, next.Replayed);
        Assert.False(File.Exists(segment));
        Assert.Contains(logger.Events, e => e.EventId == 4005 && e.Message.Contains("line 6", StringComparison.Ordinal));
        Assert.Contains(logger.Events, e => e.EventId == 4003 && e.Message.StartsWith("Replayed 2 predictions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_AfterACrashAcrossSeveralSegments_WritesEveryJournaledPredictionOnce_AndDeletesTheSegments()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var journalDir = _dir.Sub("journal");

        // Segments of 4 KB hold about 16 lines each: 100 single-prediction groups rotate through several of them.
        var crashed = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 4096));
        for (var i = 0; i < 60; i++)
        {
            await crashed.RecordAsync([Record($"r{i:D3}")], CancellationToken.None);
        }

        await crashed.FlushAsync(CancellationToken.None);
        for (var i = 60; i < 100; i++)
        {
            await crashed.RecordAsync([Record($"r{i:D3}")], CancellationToken.None);
        }

        // The process dies here with 40 predictions journaled but not written, spread over more than one segment.
        var leftOver = Directory.GetFiles(journalDir);
        Assert.True(leftOver.Length >= 2, "the journal did not rotate");
        var next = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 4096));
        await next.ReplayAsync(CancellationToken.None);

        var ids = await warehouse.QueryAsync("SELECT prediction_id FROM monitoring.predictions ORDER BY prediction_id", CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"r{i:D3}"), ids["prediction_id"].Texts!.Select(t => t!));
        Assert.Equal(40, next.Replayed);

        Assert.All(leftOver, segment => Assert.False(File.Exists(segment), $"{segment} was left after replay"));
    }

    [Fact]
    public async Task Shutdown_WithAJournalAndAHealthyWarehouse_WritesEverythingAndLeavesNoSegment()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(_dir.Sub("journal")));
        using var stop = new CancellationTokenSource();
        var loop = log.RunAsync(stop.Token);
        for (var i = 0; i < 3_000; i++)
        {
            await log.RecordAsync([Record($"h{i}")], CancellationToken.None);
        }

        await stop.CancelAsync();
        await loop;

        Assert.Equal(3_000, await CountAsync(warehouse));
        Assert.Empty(Directory.GetFiles(_dir.Sub("journal")));
        Assert.Equal(0, log.Spooled);
    }

    [Fact]
    public async Task Shutdown_WithAJournalWhenTheWarehouseRefusesWrites_KeepsThePredictionsInTheJournalNotTheSpool_AndLogsEachFailure()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        await warehouse.ExecuteAsync("CREATE TABLE monitoring.predictions (only_column INTEGER)", CancellationToken.None);
        var logger = new RecordingLogger();
        var journalDir = _dir.Sub("journal");
        var failing = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), shutdownBudget: TimeSpan.FromMilliseconds(300), journal: PredictionJournal.Open(journalDir), logger: logger);
        using (var stop = new CancellationTokenSource())
        {
            var loop = failing.RunAsync(stop.Token);
            await failing.RecordAsync([Record("f0"), Record("f1")], CancellationToken.None);
            await WaitUntilAsync(() => failing.FailedWrites > 0);
            await stop.CancelAsync();
            await loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(0, failing.Spooled);
        Assert.False(Directory.Exists(_dir.Sub("spool")));
        var kept = Assert.Single(Directory.GetFiles(journalDir));
        Assert.Equal(failing.FailedWrites, logger.Events.Count(e => e.EventId == 4001));

        await warehouse.ExecuteAsync("DROP TABLE monitoring.predictions", CancellationToken.None);
        var next = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir));
        await next.ReplayAsync(CancellationToken.None);
        Assert.Equal(2, await CountAsync(warehouse));
        Assert.False(File.Exists(kept));
    }

    [Fact]
    public async Task Shutdown_WithoutAJournalWhenTheWarehouseRefusesWrites_NamesTheSpoolFileByTheInjectedClock_AndLogsIt()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        await warehouse.ExecuteAsync("CREATE TABLE monitoring.predictions (only_column INTEGER)", CancellationToken.None);
        var logger = new RecordingLogger();
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var failing = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), shutdownBudget: TimeSpan.FromMilliseconds(300), time: time, logger: logger);
        using (var stop = new CancellationTokenSource())
        {
            var loop = failing.RunAsync(stop.Token);
            await failing.RecordAsync([Record("s0")], CancellationToken.None);
            await WaitUntilAsync(() => failing.FailedWrites > 0);
            await stop.CancelAsync();
            await loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var spooled = Assert.Single(Directory.GetFiles(_dir.Sub("spool")));
        Assert.StartsWith("predictions-20310506070809000-", Path.GetFileName(spooled), StringComparison.Ordinal);
        Assert.Contains(logger.Events, e => e.EventId == 4002 && e.Message.Contains(spooled, StringComparison.Ordinal));
        Assert.Contains(logger.Events, e => e.EventId == 4001);
    }

    public void Dispose() => _dir.Dispose();

    private static PredictionRecord Record(string id) =>
        new(id, "churn", 1, "C1", 0.25, false, "online", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), """{"x":1}""");

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static PredictionWriter Writer(DuckDbWarehouse warehouse) => new(warehouse, new DuckDbWarehouseAppender(warehouse));

    private static async Task<long> CountAsync(DuckDbWarehouse warehouse)
    {
        var result = await warehouse.QueryAsync("SELECT count(*) AS n FROM monitoring.predictions", CancellationToken.None);
        return Convert.ToInt64(result["n"].Numbers![0]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.False(bound.IsCancellationRequested, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
