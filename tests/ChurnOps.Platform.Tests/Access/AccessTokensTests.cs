using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Access;

/// <summary>Tokens in a real project's metadata database: only the hash stored, refused when expired or revoked, and a lookup cache whose staleness is bounded by access.token_cache_seconds.</summary>
public sealed class AccessTokensTests
{
    [Fact]
    public async Task Create_StoresOnlyTheHashAndTheSecretAuthenticatesAsTheTeam()
    {
        await using var project = await TestProject.CreateAsync();
        var tokens = project.Workspace.Services.GetRequiredService<AccessTokens>();

        var (issued, error) = await tokens.CreateAsync("mlops-team", "ci", ["deploy"], TimeSpan.FromDays(1), "ana", CancellationToken.None);
        var stored = Assert.Single(await project.Workspace.Services.GetRequiredService<IAccessTokenStore>().ListAsync(CancellationToken.None));
        var check = await tokens.AuthenticateAsync(issued!.Secret, CancellationToken.None);

        Assert.Null(error);
        Assert.StartsWith(AccessTokens.SecretPrefix, issued.Secret, StringComparison.Ordinal);
        Assert.True(issued.Secret.Length >= 40);
        Assert.Equal(AccessTokens.Hash(issued.Secret), stored.SecretHash);
        Assert.DoesNotContain(issued.Secret[4..], stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(new Actor("ci", "mlops-team", "token"), check.Actor);
        Assert.Equal(["deploy"], check.Token!.Scopes);
        Assert.True(await tokens.AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Create_UnknownTeam_ErrorNamingTheTeams()
    {
        await using var project = await TestProject.CreateAsync();

        var (issued, error) = await project.Workspace.Services.GetRequiredService<AccessTokens>().CreateAsync("qa", null, ["read"], TimeSpan.FromDays(1), "ana", CancellationToken.None);

        Assert.Null(issued);
        Assert.Equal("--team: 'qa' is not one of the project's teams (data-engineering, data-science, ml-engineering, mlops-team, software-engineering)", error);
    }

    [Fact]
    public async Task Authenticate_AfterExpiry_RefusedSayingWhen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var tokens = project.Workspace.Services.GetRequiredService<AccessTokens>();
        var (issued, _) = await tokens.CreateAsync("data-science", null, ["write"], TimeSpan.FromHours(1), "ana", CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(59));
        var before = await tokens.AuthenticateAsync(issued!.Secret, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await tokens.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.NotNull(before.Actor);
        Assert.Null(after.Actor);
        Assert.Equal($"token {issued.Token.Id} expired at 2026-11-30 09:00:00Z", after.Refusal);
    }

    [Fact]
    public async Task Authenticate_RevokedByAnotherProcess_AcceptedOnlyUntilTheCachePeriodEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var store = project.Workspace.Services.GetRequiredService<IAccessTokenStore>();
        var config = project.Workspace.Config;
        var server = new AccessTokens(store, config, time);
        var cli = new AccessTokens(store, config, time);
        var (issued, _) = await cli.CreateAsync("mlops-team", null, ["read"], TimeSpan.FromDays(1), "ana", CancellationToken.None);
        Assert.NotNull((await server.AuthenticateAsync(issued!.Secret, CancellationToken.None)).Actor);

        Assert.Null(await cli.RevokeAsync(issued.Token.Id, CancellationToken.None));
        var cached = await server.AuthenticateAsync(issued.Secret, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(config.Access.TokenCacheSeconds + 1));
        var refreshed = await server.AuthenticateAsync(issued.Secret, CancellationToken.None);

        Assert.NotNull(cached.Actor);
        Assert.Null(refreshed.Actor);
        Assert.StartsWith($"token {issued.Token.Id} was revoked at", refreshed.Refusal, StringComparison.Ordinal);
        Assert.Equal($"token '{issued.Token.Id}' was revoked already", await cli.RevokeAsync(issued.Token.Id, CancellationToken.None));
        Assert.Equal("no token 'tok_nope' (churnops tokens list shows the ids)", await cli.RevokeAsync("tok_nope", CancellationToken.None));
    }

    [Fact]
    public async Task AnyAsync_FreshProject_FalseSoTheProjectStaysZeroConfig()
    {
        await using var project = await TestProject.CreateAsync();
        var gate = project.Workspace.Services.GetRequiredService<AccessGate>();

        Assert.False(await gate.IsOnAsync(CancellationToken.None));
        Assert.Null(await gate.CheckCommandAsync(Activities.Deploy, "someone", null, CancellationToken.None));
    }
}
