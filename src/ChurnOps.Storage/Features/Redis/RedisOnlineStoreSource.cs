using ChurnOps.Core.Features;
using ChurnOps.Core.Stores;
using StackExchange.Redis;

namespace ChurnOps.Storage.Features.Redis;

/// <summary>
/// Connects to Redis on first use (commands that never look features up never connect) and keeps one multiplexed
/// connection for the process: every lookup and write shares it, and it reconnects by itself after a drop. A failed
/// first connection is not remembered, so the next call tries again.
/// </summary>
internal sealed class RedisOnlineStoreSource(RedisLocation location, string? password, string project, TimeSpan? ttl) : IOnlineStoreSource, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _connection;
    private RedisOnlineStore? _store;

    public RedisLocation Location { get; } = location ?? throw new ArgumentNullException(nameof(location));

    public async ValueTask<IOnlineStore> GetAsync(CancellationToken cancellationToken) =>
        _store ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<RedisOnlineStore> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is { } ready)
            {
                return ready;
            }

            var options = new ConfigurationOptions
            {
                EndPoints = { { Location.Host, Location.Port } },
                DefaultDatabase = Location.Database,
                Password = string.IsNullOrEmpty(password) ? null : password,
                Ssl = Location.Tls,
                ClientName = "churnops",
                // Fail the first connection fast with its reason; once up, the multiplexer reconnects on its own.
                AbortOnConnectFail = true,
                ConnectRetry = 1,
                ConnectTimeout = 5000,
            };
            try
            {
                _connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                throw new StoreUnavailableException($"online store {Location}: {RedisFailure.Describe(ex)}", ex);
            }

            _store = new RedisOnlineStore(_connection.GetDatabase(), project, ttl, Location.ToString());
            return _store;
        }
        finally
        {
            _gate.Release();
        }
    }
}
