using System.Diagnostics;
using System.Threading.Channels;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Shadow traffic: a request answered by the stable arm is also scored by the candidate, off the request's path. The
/// queue is bounded and drops new mirrors when full, so a slow candidate never delays or fails an answer; only the
/// candidate's counters see the result (shadow scores are not logged as predictions: nobody was answered with them).
/// </summary>
internal sealed class ShadowMirror(ServedModelCache models, int capacity) : BackgroundService
{
    private readonly Channel<(ArmTicket Ticket, TabularData Data)> _queue = Channel.CreateBounded<(ArmTicket, TabularData)>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Mirror(ArmTicket ticket, TabularData data)
    {
        if (!_queue.Writer.TryWrite((ticket.Route.CandidateTicket, data)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (ticket, data) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var (candidate, _) = await models.GetVersionAsync(ticket.Deployment.ModelName, ticket.Version, stoppingToken).ConfigureAwait(false);
                    if (candidate is null)
                    {
                        ticket.Counters.Failed();
                        continue;
                    }

                    var probabilities = candidate.Engine.ScoreBatch(data);
                    ticket.Counters.Succeeded(Stopwatch.GetElapsedTime(started).TotalMilliseconds, probabilities);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A candidate that throws is an error in its figures, never in the server.
                    ticket.Counters.Failed();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: mirrors still queued are dropped; they were never part of an answer.
        }
    }
}
