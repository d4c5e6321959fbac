using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnOps.Platform.Access;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Access;

/// <summary>
/// Who gets in, over a real port with access control on: tokens as bearer or as MLflow's basic-auth password, JWTs
/// from the configured identity provider; refused with 401 (MLflow's UNAUTHENTICATED on its routes): no, unknown,
/// expired, revoked or forged credentials, and JWTs that are forged, signed by another key, expired, for another
/// audience or issuer. Probes stay open.
/// </summary>
public sealed class AuthenticationTests(AccessServerFixture server) : IClassFixture<AccessServerFixture>
{
    private const string MlflowRead = "/api/2.0/mlflow/experiments/search?max_results=1";

    public static TheoryData<string> RefusedSecrets => new()
    {
        "none",
        "unknown",
        "expired",
        "revoked",
        "garbage-basic",
        "jwt-forged",
        "jwt-other-key",
        "jwt-expired",
        "jwt-wrong-audience",
        "jwt-wrong-issuer",
        "jwt-unsigned",
    };

    [Theory]
    [MemberData(nameof(RefusedSecrets))]
    public async Task MlflowRead_RefusedCredentials_401Unauthenticated(string kind)
    {
        using var client = ClientFor(kind);

        using var response = await client.GetAsync(new Uri(MlflowRead, UriKind.Relative));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Theory]
    [InlineData("expired", "expired")]
    [InlineData("revoked", "revoked")]
    [InlineData("unknown", "unknown token")]
    [InlineData("jwt-other-key", "signature")]
    [InlineData("jwt-expired", "expired")]
    [InlineData("jwt-wrong-audience", "audience")]
    [InlineData("jwt-wrong-issuer", "issuer")]
    public async Task NativeWrite_RefusedCredentials_401ProblemSayingWhy(string kind, string why)
    {
        using var client = ClientFor(kind);

        using var response = await client.PostAsync(new Uri("/api/v1/deployments", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(why, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_NoCredentials_Served()
    {
        using var client = server.Client();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task MlflowCreateExperiment_TokenAsBasicAuthPasswordAsMlflowClientsSendIt_CreatedAndRunUserIsTheToken()
    {
        using var client = server.Basic("anything", server.TeamTokens["data-science"]);
        var name = "basic-" + Guid.NewGuid().ToString("N");

        using var created = await client.PostAsync(new Uri("/api/2.0/mlflow/experiments/create", UriKind.Relative), new StringContent($$"""{"name": "{{name}}"}""", Encoding.UTF8, "application/json"));
        using var found = await client.GetAsync(new Uri($"/api/2.0/mlflow/experiments/get-by-name?experiment_name={name}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }

    [Fact]
    public async Task MlflowRead_ReadScopedToken_ServedButItsWriteIs403NamingTheScope()
    {
        using var client = server.Bearer(server.ReadOnlyToken);

        using var read = await client.GetAsync(new Uri(MlflowRead, UriKind.Relative));
        using var write = await client.PostAsync(new Uri("/api/2.0/mlflow/runs/create", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await write.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("error_code").GetString());
        Assert.Contains("scopes (read)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployOnlyToken_DeploysButCannotTrain()
    {
        using var client = server.Bearer(server.DeployOnlyToken);

        using var deploy = await client.PostAsync(new Uri("/api/v1/deployments", UriKind.Relative), new StringContent("""{"model": "churn", "version": 99}""", Encoding.UTF8, "application/json"));
        using var train = await client.PostAsync(new Uri("/api/2.0/mlflow/runs/create", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.NotEqual(HttpStatusCode.Forbidden, deploy.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, train.StatusCode);
    }

    [Theory]
    [InlineData("mlops-team", false)]
    [InlineData("platform-admins", false)]
    [InlineData("data-science", true)]
    [InlineData("some-idp-group", true)]
    public async Task Jwt_TeamFromTheGroupsClaim_DecidesTheDeployPermission(string group, bool denied)
    {
        using var client = server.Bearer(server.Jwt("ana@example.com", [group], jwksKey: group == "platform-admins"));

        using var response = await client.PostAsync(new Uri("/api/v1/deployments", UriKind.Relative), new StringContent("""{"model": "churn", "version": 99}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(denied, response.StatusCode == HttpStatusCode.Forbidden);
        if (denied)
        {
            Assert.Contains("permission 'deploy' denied: ana@example.com acts for", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revoke_WhileServing_RefusedWithinTheCachePeriod()
    {
        var tokens = server.Workspace.Services.GetRequiredService<AccessTokens>();
        var (issued, _) = await tokens.CreateAsync("mlops-team", "short-lived", [TokenScopes.Read], TimeSpan.FromHours(1), "test", CancellationToken.None);
        using var client = server.Bearer(issued!.Secret);
        using (var before = await client.GetAsync(new Uri(MlflowRead, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Null(await tokens.RevokeAsync(issued.Token.Id, CancellationToken.None));

        // access.token_cache_seconds is 1 here: the server must refuse it well within 10 s.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using var after = await client.GetAsync(new Uri(MlflowRead, UriKind.Relative));
            status = after.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTimeOffset.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private HttpClient ClientFor(string kind)
    {
        using var stranger = RSA.Create(2048);
        return kind switch
        {
            "none" => server.Client(),
            "unknown" => server.Bearer(AccessTokens.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=')),
            "expired" => server.Bearer(server.ExpiredToken),
            "revoked" => server.Bearer(server.RevokedToken),
            "garbage-basic" => server.Client(new AuthenticationHeaderValue("Basic", "not base64 at all!")),
            "jwt-forged" => server.Bearer(Tamper(server.Jwt("mallory", ["mlops-team"]))),
            "jwt-other-key" => server.Bearer(server.Jwt("mallory", ["mlops-team"], signWith: stranger)),
            "jwt-expired" => server.Bearer(server.Jwt("ana", ["mlops-team"], expiresIn: TimeSpan.FromMinutes(-10))),
            "jwt-wrong-audience" => server.Bearer(server.Jwt("ana", ["mlops-team"], audience: "another-api")),
            "jwt-wrong-issuer" => server.Bearer(server.Jwt("ana", ["mlops-team"], issuer: "https://evil.example/")),
            "jwt-unsigned" => server.Bearer(Unsigned()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The payload rewritten to another team, the signature kept: what a forger without the key can do.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("mlops-team", "data-science", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private static string Unsigned()
    {
        var header = Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Base64UrlEncode(Encoding.UTF8.GetBytes($$"""{"sub":"mallory","groups":["mlops-team"],"iss":"{{AccessServerFixture.Issuer}}","aud":"{{AccessServerFixture.Audience}}","exp":{{exp}}}"""));
        return $"{header}.{payload}.";
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
