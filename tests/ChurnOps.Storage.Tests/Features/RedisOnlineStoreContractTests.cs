using ChurnOps.Core.Features;
using ChurnOps.Storage.Features.Redis;

namespace ChurnOps.Storage.Tests.Features;

/// <summary>The online store contract on a real redis-server; each test in its own project namespace.</summary>
public sealed class RedisOnlineStoreContractTests : OnlineStoreContractTests, IAsyncLifetime
{
    private RedisOnlineStoreSource? _source;

    protected override async Task<IOnlineStore> CreateStoreAsync()
    {
        RedisLocation.TryParse(await RedisTestServer.UrlAsync(), out var location, out _);
        _source = new RedisOnlineStoreSource(location!, password: null, project: "contract-" + Guid.NewGuid().ToString("N"), ttl: null);
        return await _source.GetAsync(CancellationToken.None);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }
}
