using System.Globalization;
using ChurnOps.Core.Events;
using ChurnOps.Core.Retraining;

namespace ChurnOps.Platform.Retraining;

/// <summary>
/// The data events (e.g. <c>data.customers.updated</c>) that should retrain a model: of a type monitoring.retrain.on
/// names, newer than the model version in service (data it has not seen), and not already the cause of a retraining.
/// </summary>
public sealed class DataEventTriggers(IEventLog events, IRetrainingStore store)
{
    private const int Page = 1_000;

    public async Task<IReadOnlyList<RetrainingTrigger>> PendingAsync(IReadOnlyCollection<string> eventTypes, DateTimeOffset modelCreatedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        var pending = new List<RetrainingTrigger>();
        if (eventTypes.Count == 0)
        {
            return pending;
        }

        long after = 0;
        while (true)
        {
            var page = await events.ReadAfterAsync(after, Page, ct).ConfigureAwait(false);
            foreach (var e in page)
            {
                if (eventTypes.Contains(e.Type) && e.OccurredAt > modelCreatedAt)
                {
                    var cause = "event:" + e.Id.ToString(CultureInfo.InvariantCulture);
                    if (!await store.HasFiredAsync(cause, ct).ConfigureAwait(false))
                    {
                        pending.Add(new RetrainingTrigger(e.Type, cause, $"{e.Type} ({e.Subject}) at {e.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
                    }
                }
            }

            if (page.Count < Page)
            {
                return pending;
            }

            after = page[^1].Id;
        }
    }
}
