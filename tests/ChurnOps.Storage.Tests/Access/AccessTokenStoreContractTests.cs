using ChurnOps.Core.Access;
using ChurnOps.Storage.Access;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Access;

/// <summary>What every API-token store must do, on each engine: tokens found by their hash, listed newest first, revoked once.</summary>
public abstract class AccessTokenStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 6, 0, 0, 123, TimeSpan.Zero);

    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    [Fact]
    public async Task FindByHashAsync_AddedToken_RoundTripsEveryField()
    {
        var store = new SqlAccessTokenStore(await OpenDatabaseAsync());
        var token = Token("t1", "hash-1", Created);
        await store.AddAsync(token, CancellationToken.None);

        var found = await store.FindByHashAsync("hash-1", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(token.Id, found.Id);
        Assert.Equal(token.Name, found.Name);
        Assert.Equal(token.Team, found.Team);
        Assert.Equal(token.Scopes, found.Scopes);
        Assert.Equal(token.CreatedAt, found.CreatedAt);
        Assert.Equal(token.CreatedBy, found.CreatedBy);
        Assert.Equal(token.ExpiresAt, found.ExpiresAt);
        Assert.Null(found.RevokedAt);
        Assert.Null(await store.FindByHashAsync("hash-unknown", CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_SameSecretHashTwice_IsRefused()
    {
        var store = new SqlAccessTokenStore(await OpenDatabaseAsync());
        await store.AddAsync(Token("t1", "hash-1", Created), CancellationToken.None);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.AddAsync(Token("t2", "hash-1", Created), CancellationToken.None));
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_SeveralTokens_NewestFirst()
    {
        var store = new SqlAccessTokenStore(await OpenDatabaseAsync());
        Assert.False(await store.AnyAsync(CancellationToken.None));
        await store.AddAsync(Token("old", "h-old", Created), CancellationToken.None);
        await store.AddAsync(Token("new", "h-new", Created.AddMinutes(5)), CancellationToken.None);

        var listed = await store.ListAsync(CancellationToken.None);

        Assert.Equal(["new", "old"], listed.Select(t => t.Id));
        Assert.True(await store.AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RevokeAsync_SeenByASecondStoreOnTheSameDatabase_OnlyOnce()
    {
        var first = new SqlAccessTokenStore(await OpenDatabaseAsync());
        var second = new SqlAccessTokenStore(await OpenDatabaseAsync());
        await first.AddAsync(Token("t1", "hash-1", Created), CancellationToken.None);
        var at = Created.AddHours(1);

        Assert.True(await first.RevokeAsync("t1", at, CancellationToken.None));
        Assert.False(await second.RevokeAsync("t1", at.AddHours(1), CancellationToken.None));
        Assert.False(await second.RevokeAsync("no-such-token", at, CancellationToken.None));

        var seen = await second.FindByHashAsync("hash-1", CancellationToken.None);
        Assert.Equal(at, seen!.RevokedAt);
        Assert.False(seen.IsActive(at));
    }

    private static AccessToken Token(string id, string hash, DateTimeOffset created) =>
        new(id, id + "-name", "mlops-team", ["read", "deploy"], hash, created, "alice", created.AddDays(90), null);
}
