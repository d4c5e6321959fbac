using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Access;

/// <summary>
/// API tokens: issued with a high-entropy secret shown once (only its SHA-256 is stored), for one team, scoped and
/// expiring. Lookups are cached for access.token_cache_seconds so serving does not touch the metadata database per
/// request; a revocation is therefore seen within that many seconds.
/// </summary>
public sealed class AccessTokens(IAccessTokenStore store, ProjectConfig config, TimeProvider time)
{
    /// <summary>Every secret starts so, which lets a secret scanner recognise a leaked one.</summary>
    public const string SecretPrefix = "cho_";

    private const int MaxCachedLookups = 10_000;
    private readonly ConcurrentDictionary<string, CachedLookup> _lookups = new(StringComparer.Ordinal);
    private long _anyCheckedAt = long.MinValue;
    private volatile bool _any;

    public async Task<(IssuedToken? Issued, string? Error)> CreateAsync(string team, string? name, IReadOnlyList<string> scopes, TimeSpan lifetime, string createdBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (!config.Teams.Any(t => string.Equals(t.Name, team, StringComparison.Ordinal)))
        {
            return (null, $"--team: '{Echo(team)}' is not one of the project's teams ({(config.Teams.Count == 0 ? "none declared in churnops.yaml" : string.Join(", ", config.Teams.Select(t => t.Name)))})");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(3650))
        {
            return (null, "--expires: a token lives between one second and ten years");
        }

        var id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var token = new AccessToken(id, string.IsNullOrWhiteSpace(name) ? id : name.Trim(), team, scopes, Hash(secret), now, createdBy, now + lifetime, null);
        await store.AddAsync(token, ct).ConfigureAwait(false);
        _any = true;
        return (new IssuedToken(token, secret), null);
    }

    public Task<IReadOnlyList<AccessToken>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <summary>Null when revoked; else why not (unknown id, revoked already).</summary>
    public async Task<string?> RevokeAsync(string id, CancellationToken ct)
    {
        if (await store.RevokeAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false))
        {
            _lookups.Clear();
            return null;
        }

        var known = (await store.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(t => t.Id == id);
        return known is null ? $"no token '{Echo(id)}' (churnops tokens list shows the ids)" : $"token '{id}' was revoked already";
    }

    /// <summary>The token a presented secret stands for, or why it is refused; cached for the configured seconds.</summary>
    public async ValueTask<TokenCheck> AuthenticateAsync(string secret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var now = time.GetTimestamp();
        // Keyed by the presented secret, so a hit costs no hashing (the secret is in this process for the request anyway).
        if (!_lookups.TryGetValue(secret, out var cached) || time.GetElapsedTime(cached.FetchedAt, now) > CacheFor)
        {
            var token = await store.FindByHashAsync(Hash(secret), ct).ConfigureAwait(false);
            if (_lookups.Count >= MaxCachedLookups)
            {
                _lookups.Clear();
            }

            cached = new CachedLookup(token, now);
            _lookups[secret] = cached;
        }

        return Check(cached.Token);
    }

    /// <summary>
    /// The cached answer for a presented secret without allocating (the serving hot path); false when it is not cached
    /// or is stale, and then <see cref="AuthenticateAsync"/> asks the store.
    /// </summary>
    public bool TryAuthenticateCached(ReadOnlySpan<char> secret, out TokenCheck check)
    {
        if (_lookups.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(secret, out var cached) && time.GetElapsedTime(cached.FetchedAt, time.GetTimestamp()) <= CacheFor)
        {
            check = Check(cached.Token);
            return true;
        }

        check = default;
        return false;
    }

    /// <summary>Whether any token was ever issued (then every caller must authenticate); rechecked at most every cache period until true.</summary>
    public async ValueTask<bool> AnyAsync(CancellationToken ct)
    {
        if (_any)
        {
            return true;
        }

        var now = time.GetTimestamp();
        var checkedAt = Interlocked.Read(ref _anyCheckedAt);
        if (checkedAt != long.MinValue && time.GetElapsedTime(checkedAt, now) <= CacheFor)
        {
            return false;
        }

        _any = await store.AnyAsync(ct).ConfigureAwait(false);
        Interlocked.Exchange(ref _anyCheckedAt, now);
        return _any;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private TimeSpan CacheFor => TimeSpan.FromSeconds(config.Access.TokenCacheSeconds);

    private TokenCheck Check(AccessToken? token)
    {
        if (token is null)
        {
            return new TokenCheck(null, "unknown token");
        }

        if (token.RevokedAt is { } revoked)
        {
            return new TokenCheck(null, $"token {token.Id} was revoked at {Stamp(revoked)}");
        }

        return time.GetUtcNow() >= token.ExpiresAt
            ? new TokenCheck(null, $"token {token.Id} expired at {Stamp(token.ExpiresAt)}")
            : new TokenCheck(token, null);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Echo(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private readonly record struct CachedLookup(AccessToken? Token, long FetchedAt);
}
