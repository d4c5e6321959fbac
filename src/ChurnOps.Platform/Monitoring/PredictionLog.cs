using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Online predictions are queued and written in batches so a request never waits on the warehouse. The queue is bounded:
/// when the writer falls behind, requests wait rather than predictions being dropped. What cannot be written before
/// shutdown is spooled to disk and written on the next start, so a prediction is never lost. With a
/// <see cref="PredictionJournal"/>, online predictions are on disk before they are answered, so a crash loses none
/// either: the journal is replayed on the next start, each record once (the warehouse keeps a mark per segment,
/// committed with the rows it covers).
/// </summary>
public sealed class PredictionLog
{
    private const int BatchSize = 5_000;
    private readonly Channel<PredictionRecord> _queue = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(200_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
    });

    // One writer at a time: a flush that finds the queue empty must still wait for the batch the loop is writing.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly PredictionWriter _writer;
    private readonly PredictionSpool _spool;
    private readonly PredictionJournal? _journal;
    private readonly ILogger _logger;
    private readonly TimeSpan _shutdownBudget;
    private readonly TimeSpan _batchLinger;
    private bool _tableReady;
    private long _written;
    private long _failedWrites;
    private long _replayed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _replayLock = new();
    private Task? _replay;

    /// <param name="batchLinger">
    /// How long the writer loop lets a batch gather after the first prediction arrives. Each batch is one DuckDB commit
    /// (milliseconds of work whatever its size), so a few large batches a second cost far less than one per request.
    /// </param>
    /// <param name="journal">When given, <see cref="RecordAsync"/> returns only once the predictions are durable in it.</param>
    public PredictionLog(
        PredictionWriter writer,
        string spoolDirectory,
        TimeSpan? shutdownBudget = null,
        TimeSpan? batchLinger = null,
        PredictionJournal? journal = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _spool = new PredictionSpool(spoolDirectory, time ?? TimeProvider.System);
        _shutdownBudget = shutdownBudget ?? TimeSpan.FromSeconds(15);
        _batchLinger = batchLinger ?? TimeSpan.FromMilliseconds(200);
        _logger = logger ?? NullLogger.Instance;
        _journal = journal;
        _journal?.Start((record, ct) => _queue.Writer.TryWrite(record) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(record, ct));
    }

    /// <summary>Whether answered predictions are journaled before the answer goes out.</summary>
    public bool Durable => _journal is not null;

    /// <summary>Predictions replayed from a spool or journal an earlier process left.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Write attempts that failed and were retried (surfaced on health and metrics).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Predictions written to the spool because the warehouse refused them until shutdown.</summary>
    public long Spooled { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Predictions waiting in memory for the warehouse writer (surfaced on metrics).</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Journal appends that failed; their requests were refused rather than answered unlogged.</summary>
    public long JournalFailures => _journal?.FailedAppends ?? 0;

    /// <summary>Bytes spooled to disk and not yet written back (by this or an earlier process).</summary>
    public long SpoolBytes => _spool.Bytes();

    /// <summary>
    /// Logs one request's predictions: with a journal, returns once they are on disk (group-committed with other
    /// requests'); without one, queues them (see <see cref="EnqueueAsync"/>).
    /// </summary>
    public async ValueTask RecordAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_journal is not null)
        {
            await _journal.AppendAsync(records, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var record in records)
        {
            await EnqueueAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues a prediction: synchronous while the queue has room; waits (never drops) when the writer is behind.</summary>
    public ValueTask EnqueueAsync(PredictionRecord record, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite(record) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(record, cancellationToken);

    /// <summary>
    /// Writes what an earlier process spooled or journaled, then runs until the token is cancelled; then drains what is
    /// queued within the shutdown budget and spools the rest (journaled records stay in the journal instead).
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await using var stopReplay = stoppingToken.Register(() => _stopping.Cancel());
        var batch = new List<PredictionRecord>(BatchSize);
        try
        {
            await ReplayAsync(stoppingToken).ConfigureAwait(false);
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_batchLinger > TimeSpan.Zero && _queue.Reader.Count < BatchSize)
                {
                    await Task.Delay(_batchLinger, stoppingToken).ConfigureAwait(false);
                }

                // One batch per wake-up: what arrives while it is written gathers into the next full batch.
                await DrainAsync(batch, untilEmpty: false, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever the interrupted batch held is still in `batch` and is handled below.
        }

        if (_journal is not null)
        {
            await _journal.StopAcceptingAsync().ConfigureAwait(false);
        }

        using var budget = new CancellationTokenSource(_shutdownBudget);
        try
        {
            await DrainAsync(batch, untilEmpty: true, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            await SpoolRemainingAsync(batch).ConfigureAwait(false);
        }

        if (_journal is not null)
        {
            await _journal.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes what an earlier process left: spooled files, then journal segments (only the records past the segment's
    /// mark in the warehouse, so a segment that was partly written before a crash adds nothing twice). Runs once; the
    /// server calls it before it starts listening.
    /// </summary>
    public Task ReplayAsync(CancellationToken cancellationToken)
    {
        lock (_replayLock)
        {
            // One replay, whoever asks first; a caller that stops waiting does not stop it (the writer loop waits on it).
            _replay ??= ReplayOnceAsync(_stopping.Token);
        }

        return _replay.WaitAsync(cancellationToken);
    }

    private async Task ReplayOnceAsync(CancellationToken cancellationToken)
    {
        await ReplaySpoolAsync(cancellationToken).ConfigureAwait(false);
        foreach (var segment in _journal?.LeftOver ?? [])
        {
            await ReplaySegmentAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes everything queued so far, including a batch the writer loop already holds.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(new List<PredictionRecord>(BatchSize), untilEmpty: true, cancellationToken);

    /// <summary>
    /// Writes <paramref name="batch"/> when it holds records (left from an interrupted write, or handed in), else the next
    /// batch from the queue; with <paramref name="untilEmpty"/> it goes on until the queue is empty.
    /// </summary>
    private async Task DrainAsync(List<PredictionRecord> batch, bool untilEmpty, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                // A batch left over from an interrupted write is written first, before anything newer.
                if (batch.Count == 0)
                {
                    while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record))
                    {
                        batch.Add(record);
                    }
                }

                if (batch.Count == 0)
                {
                    return;
                }

                await WriteWithRetryAsync(batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
                if (!untilEmpty)
                {
                    return;
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A failed write keeps its batch and retries with backoff: a busy or briefly broken warehouse loses nothing.</summary>
    private async Task WriteWithRetryAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The table is ensured on the first write and after any failure (it may have been dropped), not per batch.
                await _writer.AppendAsync(batch, ensureTable: !_tableReady, cancellationToken).ConfigureAwait(false);
                _tableReady = true;
                if (_journal is not null && batch[^1].Journal is { } last)
                {
                    // Batches leave the queue in journal order, so the last record's position covers the whole batch.
                    _journal.Written(last);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure (locked file, full disk, a table altered under us) keeps the batch: the loop must not die.
                _tableReady = false;
                Interlocked.Increment(ref _failedWrites);
                LastError = ex.Message;
                PredictionLogMessages.WriteFailed(_logger, batch.Count, attempt, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private async Task SpoolRemainingAsync(List<PredictionRecord> batch)
    {
        while (_queue.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }

        // Journaled records are already durable and replayed from the journal; spooling them too would log them twice.
        batch.RemoveAll(r => r.Journal is not null);
        if (batch.Count == 0)
        {
            return;
        }

        var path = await _spool.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        Spooled += batch.Count;
        PredictionLogMessages.Spooled(_logger, batch.Count, path);
        batch.Clear();
    }

    private async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        foreach (var file in _spool.Files())
        {
            var records = await PredictionSpool.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            await DrainAsync(records, untilEmpty: false, cancellationToken).ConfigureAwait(false);

            // Deleted only once written: a crash between the two writes the file again, never loses it.
            File.Delete(file);
            Interlocked.Add(ref _replayed, records.Count);
            PredictionLogMessages.Replayed(_logger, records.Count, file);
        }
    }

    private async Task ReplaySegmentAsync(string path, CancellationToken cancellationToken)
    {
        var segment = PredictionJournal.SegmentId(path);
        var mark = await _writer.JournalMarkAsync(segment, cancellationToken).ConfigureAwait(false);
        var (records, tornAt) = await PredictionJournalReader.ReadAsync(path, segment, cancellationToken).ConfigureAwait(false);
        if (tornAt is { } line)
        {
            PredictionLogMessages.TornJournal(_logger, path, line);
        }

        var missing = records.Where(r => r.Journal!.Value.Sequence > mark).ToList();
        for (var start = 0; start < missing.Count; start += BatchSize)
        {
            await DrainAsync(missing.GetRange(start, Math.Min(BatchSize, missing.Count - start)), untilEmpty: false, cancellationToken).ConfigureAwait(false);
        }

        // Deleted only once the warehouse has every record; a crash before this replays the rest, never twice.
        File.Delete(path);
        Interlocked.Add(ref _replayed, missing.Count);
        PredictionLogMessages.Replayed(_logger, missing.Count, path);
    }
}
