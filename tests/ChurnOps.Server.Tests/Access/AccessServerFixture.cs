using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChurnOps.Server.Tests.Access;

/// <summary>
/// A real server on a free 127.0.0.1 port over the reference project with access control on: one write token per team,
/// a read-only and a deploy-only token, an expired and a revoked one, and JWT validation against two identity-provider
/// keys (a PEM public key and a JWKS document) written into the project.
/// </summary>
public sealed class AccessServerFixture : IAsyncLifetime
{
    public const string Issuer = "https://idp.example.test/";
    public const string Audience = "churnops";
    public const string JwksKeyId = "idp-2";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-access-" + Guid.NewGuid().ToString("N"));
    private readonly RSA _pemKey = RSA.Create(2048);
    private readonly RSA _jwksKey = RSA.Create(2048);
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;

    public static IReadOnlyList<string> Teams { get; } = ["data-engineering", "data-science", "ml-engineering", "mlops-team", "software-engineering"];

    public Uri BaseAddress { get; private set; } = null!;

    public ChurnOpsWorkspace Workspace { get; private set; } = null!;

    public WebApplication App => _app!;

    /// <summary>Team name → secret of a token with scope write.</summary>
    public Dictionary<string, string> TeamTokens { get; } = new(StringComparer.Ordinal);

    public string ReadOnlyToken { get; private set; } = null!;

    /// <summary>An mlops-team token limited to the deploy activity.</summary>
    public string DeployOnlyToken { get; private set; } = null!;

    public string ExpiredToken { get; } = AccessTokens.SecretPrefix + "expired-" + Guid.NewGuid().ToString("N");

    public string RevokedToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root, overwrite: false, CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(_root, "keys"));
        await File.WriteAllTextAsync(Path.Combine(_root, "keys", "idp.pem"), _pemKey.ExportSubjectPublicKeyInfoPem());
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_jwksKey.ExportParameters(false)) { KeyId = JwksKeyId });
        await File.WriteAllTextAsync(Path.Combine(_root, "keys", "idp-jwks.json"), $$"""{"keys": [{"kty": "RSA", "use": "sig", "kid": "{{JwksKeyId}}", "n": "{{jwk.N}}", "e": "{{jwk.E}}"}]}""");
        var config = Path.Combine(_root, "churnops.yaml");
        var yaml = (await File.ReadAllTextAsync(config)).Replace("  token_cache_seconds: 5", "  token_cache_seconds: 1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, yaml + $"""
              jwt:
                issuer: {Issuer}
                audience: {Audience}
                signing_keys: [keys/idp.pem, keys/idp-jwks.json]
                team_claim: groups
                teams: {"{"}platform-admins: mlops-team{"}"}

            """);
        Workspace = (await ChurnOpsWorkspace.OpenAsync(_root, TimeProvider.System, CancellationToken.None)).Workspace!;
        var tokens = Workspace.Services.GetRequiredService<AccessTokens>();
        foreach (var team in Teams)
        {
            TeamTokens[team] = await IssueAsync(tokens, team, team + "-bot", [TokenScopes.Write]);
        }

        ReadOnlyToken = await IssueAsync(tokens, "mlops-team", "dashboard", [TokenScopes.Read]);
        DeployOnlyToken = await IssueAsync(tokens, "mlops-team", "deployer", [Activities.Deploy]);
        RevokedToken = await IssueAsync(tokens, "mlops-team", "leaked", [TokenScopes.Write]);
        var revokedId = (await tokens.ListAsync(CancellationToken.None)).Single(t => t.Name == "leaked").Id;
        Assert.Null(await tokens.RevokeAsync(revokedId, CancellationToken.None));
        var now = DateTimeOffset.UtcNow;
        await Workspace.Services.GetRequiredService<IAccessTokenStore>().AddAsync(
            new AccessToken("tok_expired", "old-ci", "mlops-team", [TokenScopes.Write], AccessTokens.Hash(ExpiredToken), now.AddDays(-30), "test", now.AddDays(-1), null),
            CancellationToken.None);

        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _pemKey.Dispose();
        _jwksKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A client that sends no credentials (or the given Authorization header).</summary>
    public HttpClient Client(AuthenticationHeaderValue? authorization = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = authorization;
        _clients.Add(client);
        return client;
    }

    public HttpClient Bearer(string secret) => Client(new AuthenticationHeaderValue("Bearer", secret));

    public HttpClient Basic(string user, string password) =>
        Client(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"))));

    /// <summary>A JWT as the identity provider would sign it; every part can be made wrong.</summary>
    public string Jwt(string subject, string[] groups, string? audience = Audience, string issuer = Issuer, TimeSpan? expiresIn = null, bool jwksKey = false, RSA? signWith = null)
    {
        var key = signWith ?? (jwksKey ? _jwksKey : _pemKey);
        var securityKey = new RsaSecurityKey(key) { KeyId = jwksKey ? JwksKeyId : null };
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var identity = new ClaimsIdentity([new Claim("sub", subject), .. groups.Select(g => new Claim("groups", g))]);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = identity,
            IssuedAt = expires.AddMinutes(-20),
            NotBefore = expires.AddMinutes(-20),
            Expires = expires,
            SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static async Task<string> IssueAsync(AccessTokens tokens, string team, string name, IReadOnlyList<string> scopes)
    {
        var (issued, error) = await tokens.CreateAsync(team, name, scopes, TimeSpan.FromDays(1), "test", CancellationToken.None);
        Assert.True(issued is not null, error);
        return issued!.Secret;
    }
}
