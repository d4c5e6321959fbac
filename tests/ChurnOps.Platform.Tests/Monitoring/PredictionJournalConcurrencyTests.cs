using System.Collections.Concurrent;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Tests.Monitoring;

/// <summary>The journal under many requests at once: flushes overlap, yet answers follow durability and nothing doubles.</summary>
public sealed class PredictionJournalConcurrencyTests : IDisposable
{
    private const int Writers = 24;
    private const int AppendsPerWriter = 60;

    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AppendAsync_ManyConcurrentWritersAcrossRotations_HandsOnEveryPredictionOnceInSequenceOrderBeforeAnswering(int lanes)
    {
        var journalDir = _dir.Sub("journal");
        var handedOn = new List<PredictionRecord>();
        var durableIds = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var journal = PredictionJournal.Open(journalDir, segmentBytes: 8192, lanes: lanes);
        journal.Start((record, _) =>
        {
            lock (handedOn)
            {
                handedOn.Add(record);
            }

            Assert.True(durableIds.TryAdd(record.PredictionId, record.Journal!.Value.Sequence), $"{record.PredictionId} handed on twice");
            return ValueTask.CompletedTask;
        });

        var answeredEarly = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                // One to three predictions per request, as a batch of rows would bring.
                var records = Enumerable.Range(0, 1 + (i % 3)).Select(k => Record($"w{writer:D2}-{i:D3}-{k}")).ToList();
                await journal.AppendAsync(records, CancellationToken.None);
                if (records.Any(r => !durableIds.ContainsKey(r.PredictionId)))
                {
                    Interlocked.Increment(ref answeredEarly);
                }
            }
        })));

        var expected = Writers * Enumerable.Range(0, AppendsPerWriter).Sum(i => 1 + (i % 3));
        Assert.Equal(0, answeredEarly);
        Assert.Equal(expected, handedOn.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), handedOn.Select(r => r.Journal!.Value.Sequence));
        Assert.Equal(0, journal.FailedAppends);

        // On disk: every prediction once, in the segment the warehouse was told, none torn.
        var segments = Directory.GetFiles(journalDir);
        Assert.True(segments.Length >= 3, $"the journal did not rotate ({segments.Length} segment)");
        var onDisk = new Dictionary<string, (string Segment, long Sequence)>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            var (records, torn) = await PredictionJournalReader.ReadAsync(segment, PredictionJournal.SegmentId(segment), CancellationToken.None);
            Assert.Null(torn);
            foreach (var record in records)
            {
                Assert.True(onDisk.TryAdd(record.PredictionId, (record.Journal!.Value.Segment, record.Journal.Value.Sequence)), $"{record.PredictionId} is on disk twice");
            }
        }

        Assert.Equal(expected, onDisk.Count);
        Assert.All(handedOn, r => Assert.Equal((r.Journal!.Value.Segment, r.Journal.Value.Sequence), onDisk[r.PredictionId]));
    }

    [Fact]
    public async Task Replay_AfterACrashUnderManyConcurrentWriters_WritesEveryAnsweredPredictionExactlyOnce()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var journalDir = _dir.Sub("journal");
        var crashed = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 8192));

        // A first wave reaches the warehouse; a second is answered (journaled) but not written when the process dies.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => RecordManyAsync(crashed, $"a{w:D2}")));
        await crashed.FlushAsync(CancellationToken.None);
        var written = await CountAsync(warehouse);
        Assert.Equal(Writers * AppendsPerWriter, written);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => RecordManyAsync(crashed, $"b{w:D2}")));

        var next = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 8192));
        await next.ReplayAsync(CancellationToken.None);

        var result = await warehouse.QueryAsync("SELECT count(*) AS n, count(DISTINCT prediction_id) AS ids FROM monitoring.predictions", CancellationToken.None);
        Assert.Equal(2 * Writers * AppendsPerWriter, Convert.ToInt64(result["n"].Numbers![0]));
        Assert.Equal(2 * Writers * AppendsPerWriter, Convert.ToInt64(result["ids"].Numbers![0]));
        Assert.Equal(Writers * AppendsPerWriter, next.Replayed);

        // A second restart finds nothing left to replay: no prediction is written twice.
        var again = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 8192));
        await again.ReplayAsync(CancellationToken.None);
        Assert.Equal(0, again.Replayed);
        Assert.Equal(2 * Writers * AppendsPerWriter, await CountAsync(warehouse));
    }

    [Fact]
    public async Task Shutdown_UnderManyConcurrentWriters_WritesEveryPredictionOnceAndLeavesNoSegment()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var journalDir = _dir.Sub("journal");
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"), journal: PredictionJournal.Open(journalDir, segmentBytes: 8192));
        using var stop = new CancellationTokenSource();
        var loop = log.RunAsync(stop.Token);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => RecordManyAsync(log, $"s{w:D2}")));
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        var result = await warehouse.QueryAsync("SELECT count(*) AS n, count(DISTINCT prediction_id) AS ids FROM monitoring.predictions", CancellationToken.None);
        Assert.Equal(Writers * AppendsPerWriter, Convert.ToInt64(result["n"].Numbers![0]));
        Assert.Equal(Writers * AppendsPerWriter, Convert.ToInt64(result["ids"].Numbers![0]));
        Assert.Empty(Directory.GetFiles(journalDir));
        Assert.Equal(0, log.Spooled);
    }

    public void Dispose() => _dir.Dispose();

    private static Task RecordManyAsync(PredictionLog log, string prefix) => Task.Run(async () =>
    {
        for (var i = 0; i < AppendsPerWriter; i++)
        {
            await log.RecordAsync([Record($"{prefix}-{i:D3}")], CancellationToken.None);
        }
    });

    private static PredictionRecord Record(string id) =>
        new(id, "churn", 1, "C1", 0.25, false, "online", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), """{"x":1}""");

    private static PredictionWriter Writer(DuckDbWarehouse warehouse) => new(warehouse, new DuckDbWarehouseAppender(warehouse));

    private static async Task<long> CountAsync(DuckDbWarehouse warehouse)
    {
        var result = await warehouse.QueryAsync("SELECT count(*) AS n FROM monitoring.predictions", CancellationToken.None);
        return Convert.ToInt64(result["n"].Numbers![0]);
    }
}
