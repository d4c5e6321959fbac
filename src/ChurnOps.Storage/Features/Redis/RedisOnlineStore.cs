using System.Buffers;
using System.Globalization;
using ChurnOps.Core.Features;
using ChurnOps.Core.Stores;
using StackExchange.Redis;

namespace ChurnOps.Storage.Features.Redis;

/// <summary>
/// The team online store. Per project and feature view, a pointer key names the view's current generation, and each
/// generation is one hash (entity → binary record, <see cref="OnlineRecordCodec"/>). A lookup is one scripted round trip
/// on the shared multiplexed connection. A full materialization writes a new generation in pipelined batches and then
/// switches the pointer in one atomic step, dropping the old generation, so a reader sees the old view or the new one,
/// never a mix. Incremental writes upsert into the current generation, batch by batch, newer event time winning.
/// </summary>
internal sealed class RedisOnlineStore : IOnlineStore
{
    private readonly IDatabase _database;
    private readonly string _namespace;
    private readonly long _ttlMilliseconds;
    private readonly string _location;

    public RedisOnlineStore(IDatabase database, string project, TimeSpan? ttl, string location)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        _database = database;
        _namespace = "churnops:" + KeyPart(project);
        _ttlMilliseconds = ttl is { } t ? Math.Max(1, (long)t.TotalMilliseconds) : 0;
        _location = location;
    }

    /// <summary>Records per pipelined command.</summary>
    internal int BatchSize { get; init; } = 500;

    /// <summary>Batches sent before waiting for their replies.</summary>
    internal int BatchesInFlight { get; init; } = 8;

    /// <summary>Called after each acknowledged group of batches of a full write, before the switch (tests look in there).</summary>
    internal Func<int, Task>? AfterBatchesWritten { get; init; }

    public async Task WriteAsync(string view, IReadOnlyList<OnlineFeatureRecord> records, bool replaceView, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(view);
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (!string.Equals(record.View, view, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Record for view '{record.View}' passed with view '{view}'.", nameof(records));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var keys = new ViewKeys(_namespace, view);
        try
        {
            if (replaceView)
            {
                await ReplaceAsync(keys, records, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UpsertAsync(keys, records, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Unavailable(ex);
        }
    }

    public async Task<OnlineFeatureRecord?> ReadAsync(string view, string entityKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entityKey);
        var keys = new ViewKeys(_namespace, view);
        RedisResult result;
        try
        {
            result = await _database.ScriptEvaluateAsync(RedisOnlineScripts.Read, [keys.Pointer], [keys.GenerationPrefix, entityKey]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Unavailable(ex);
        }

        return result.IsNull ? null : OnlineRecordCodec.Decode(view, entityKey, (byte[])result!);
    }

    public async Task<long> CountAsync(string view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var keys = new ViewKeys(_namespace, view);
        try
        {
            var result = await _database.ScriptEvaluateAsync(RedisOnlineScripts.Count, [keys.Pointer], [keys.GenerationPrefix]).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>The keys of one view in this project's namespace (tests and operators look them up).</summary>
    internal ViewKeys KeysOf(string view) => new(_namespace, view);

    private async Task ReplaceAsync(ViewKeys keys, IReadOnlyList<OnlineFeatureRecord> records, CancellationToken cancellationToken)
    {
        var generation = (await _database.StringIncrementAsync(keys.Counter).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
        var target = keys.GenerationPrefix + generation;
        var switching = false;
        try
        {
            // One record per entity, the newest: a hash field holds one value, so duplicates would leave whichever came last.
            var latest = new Dictionary<string, OnlineFeatureRecord>(records.Count, StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (!latest.TryGetValue(record.EntityKey, out var kept) || record.EventTimestamp >= kept.EventTimestamp)
                {
                    latest[record.EntityKey] = record;
                }
            }

            var buffer = new ArrayBufferWriter<byte>(512);
            var pending = new List<Task>(BatchesInFlight);
            var written = 0;
            foreach (var chunk in latest.Values.Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entries = new HashEntry[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    entries[i] = new HashEntry(chunk[i].EntityKey, OnlineRecordCodec.Encode(chunk[i], buffer));
                }

                pending.Add(_database.HashSetAsync(target, entries));
                written += chunk.Length;
                if (pending.Count == BatchesInFlight)
                {
                    await FlushAsync(pending, written).ConfigureAwait(false);
                }
            }

            await FlushAsync(pending, written).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            switching = true;
            await _database.ScriptEvaluateAsync(RedisOnlineScripts.Switch, [keys.Pointer], [keys.GenerationPrefix, generation, _ttlMilliseconds]).ConfigureAwait(false);
        }
        catch when (!switching)
        {
            // Readers never pointed at the unfinished generation; drop it so it does not hold memory. (A switch that
            // failed in flight may have happened, so its generation is kept: it may be the one readers see.)
            await _database.KeyDeleteAsync(target, CommandFlags.FireAndForget).ConfigureAwait(false);
            throw;
        }
    }

    private async Task FlushAsync(List<Task> pending, int written)
    {
        if (pending.Count == 0)
        {
            return;
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        pending.Clear();
        if (AfterBatchesWritten is { } hook)
        {
            await hook(written).ConfigureAwait(false);
        }
    }

    private async Task UpsertAsync(ViewKeys keys, IReadOnlyList<OnlineFeatureRecord> records, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var pending = new List<Task>(BatchesInFlight);
        foreach (var chunk in records.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var arguments = new RedisValue[2 + (2 * chunk.Length)];
            arguments[0] = keys.GenerationPrefix;
            arguments[1] = _ttlMilliseconds;
            for (var i = 0; i < chunk.Length; i++)
            {
                arguments[2 + (2 * i)] = chunk[i].EntityKey;
                arguments[3 + (2 * i)] = OnlineRecordCodec.Encode(chunk[i], buffer);
            }

            pending.Add(_database.ScriptEvaluateAsync(RedisOnlineScripts.Upsert, [keys.Pointer, keys.Counter], arguments));
            if (pending.Count == BatchesInFlight)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private StoreUnavailableException Unavailable(Exception ex) =>
        new($"online store {_location}: {RedisFailure.Describe(ex)}", ex);

    // Braces would change the key's hash tag; nothing else in a key name needs care.
    private static string KeyPart(string text) => text.Replace('{', '(').Replace('}', ')');

    /// <summary>churnops:&lt;project&gt;:online:{&lt;view&gt;}:… — the view is the hash tag, so a view's keys share a cluster slot.</summary>
    internal readonly record struct ViewKeys(string Namespace, string View)
    {
        public string Prefix => $"{Namespace}:online:{{{KeyPart(View)}}}";

        public RedisKey Pointer => Prefix + ":current";

        public RedisKey Counter => Prefix + ":generations";

        public string GenerationPrefix => Prefix + ":g:";
    }
}
