namespace ChurnOps.Core.Features;

/// <summary>
/// Key-value store of the latest features per (view, entity) for low-latency serving: SQLite embedded, Redis in
/// team mode. Writes are upserts that never replace a newer row with an older one.
/// </summary>
public interface IOnlineStore
{
    /// <summary>Upserts records; with <paramref name="replaceView"/> the view's old rows are removed first, in the same transaction.</summary>
    Task WriteAsync(string view, IReadOnlyList<OnlineFeatureRecord> records, bool replaceView, CancellationToken cancellationToken);

    Task<OnlineFeatureRecord?> ReadAsync(string view, string entityKey, CancellationToken cancellationToken);

    Task<long> CountAsync(string view, CancellationToken cancellationToken);
}
