using System.Threading.Channels;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Online predictions are queued and written in batches so a request never waits on the warehouse. The queue is bounded:
/// when the writer falls behind, requests wait rather than predictions being dropped.
/// </summary>
public sealed class PredictionLog(DuckDbWarehouse warehouse)
{
    private const int BatchSize = 5_000;
    private readonly Channel<PredictionRecord> _queue = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(200_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _written;
    private long _failedWrites;

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Write attempts that failed and were retried (surfaced on health and metrics).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public string? LastError { get; private set; }

    public ValueTask EnqueueAsync(PredictionRecord record, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(record, cancellationToken);

    /// <summary>Runs until the token is cancelled, then drains what is queued.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PredictionRecord>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await DrainAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: flush what is left below.
        }

        await DrainAsync(batch, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes everything queued so far (tests and shutdown call this).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(new List<PredictionRecord>(BatchSize), cancellationToken);

    private async Task DrainAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await WriteWithRetryAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, batch.Count);
        }
    }

    /// <summary>A failed write keeps its batch and retries with backoff: a busy or briefly locked warehouse loses nothing.</summary>
    private async Task WriteWithRetryAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await PredictionWriter.AppendAsync(warehouse, batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
            {
                Interlocked.Increment(ref _failedWrites);
                LastError = ex.Message;
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }
}
