using System.Net;
using System.Text.Json;
using ChurnOps.Cli.Tests.Serve;

namespace ChurnOps.Cli.Tests.Access;

/// <summary>`churnops tokens create|list|revoke` as real processes, and what a first token changes: the server then needs credentials, also on a non-loopback bind.</summary>
public sealed class TokensCommandTests : TemplateProjectTests
{
    [Fact]
    public async Task CreateListRevoke_SecretShownOnceNeverListed_RevokedShownAsSuch()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "tokens", "create", "-C", Project.Root, "--team", "mlops-team", "--scope", "deploy,rollback", "--expires", "30d", "--name", "release-bot", "--json");
        var created = JsonDocument.Parse(stdout).RootElement;
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("id").GetString()!;

        var (listCode, listed, _) = await CliProcess.RunAsync(Project.Root, "tokens", "list", "-C", Project.Root, "--json");
        // The first token turned access control on: revoking now takes a member of a team with access_admin (mlops).
        var (deniedCode, _, deniedErr) = await CliProcess.RunAsync(Project.Root, "tokens", "revoke", id, "-C", Project.Root);
        var member = new Dictionary<string, string> { ["CHURNOPS__TEAMS__3__MEMBERS__0"] = Environment.UserName };
        var (revokeCode, _, revokeErr) = await CliProcess.RunWithEnvironmentAsync(Project.Root, member, "tokens", "revoke", id, "-C", Project.Root);
        var (_, afterRevoke, _) = await CliProcess.RunAsync(Project.Root, "tokens", "list", "-C", Project.Root, "--json");
        var (againCode, _, againErr) = await CliProcess.RunWithEnvironmentAsync(Project.Root, member, "tokens", "revoke", id, "-C", Project.Root);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("cho_", secret, StringComparison.Ordinal);
        Assert.Equal(["deploy", "rollback"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0, listCode);
        var token = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal("release-bot", token.GetProperty("name").GetString());
        Assert.Equal("mlops-team", token.GetProperty("team").GetString());
        Assert.Equal("active", token.GetProperty("status").GetString());
        Assert.DoesNotContain(secret[4..], listed, StringComparison.Ordinal);
        Assert.Equal(77, deniedCode);
        Assert.StartsWith("error: permission 'access_admin' denied", deniedErr.Trim(), StringComparison.Ordinal);
        Assert.True(revokeCode == 0, revokeErr);
        Assert.Equal("revoked", JsonDocument.Parse(afterRevoke).RootElement[0].GetProperty("status").GetString());
        Assert.Equal(1, againCode);
        Assert.Equal($"error: token '{id}' was revoked already", againErr.Trim());
    }

    [Theory]
    [InlineData("--team", "qa", "error: --team: 'qa' is not one of the project's teams (data-engineering, data-science, ml-engineering, mlops-team, software-engineering)")]
    [InlineData("--scope", "everything", "error: --scope: unknown scope 'everything' (use read, write or an activity: ingest,")]
    [InlineData("--expires", "soon", "error: --expires: 'soon' is not a duration")]
    [InlineData("--expires", "2001-01-01", "error: --expires: 2001-01-01 is not in the future")]
    public async Task Create_BadValue_OneLineExitTwoAndNoToken(string option, string value, string expected)
    {
        string[] args = option == "--team"
            ? ["tokens", "create", "-C", Project.Root, "--team", value]
            : ["tokens", "create", "-C", Project.Root, "--team", "mlops-team", option, value];

        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, args);
        var (_, listed, _) = await CliProcess.RunAsync(Project.Root, "tokens", "list", "-C", Project.Root, "--json");

        Assert.Equal(2, code);
        Assert.StartsWith(expected, Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
        Assert.Equal(0, JsonDocument.Parse(listed).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Serve_WildcardHostOnceATokenExists_ServesWithoutInsecureAndAsksForCredentials()
    {
        var (created, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "tokens", "create", "-C", Project.Root, "--team", "data-science", "--json");
        Assert.True(created == 0, stderr);
        var secret = JsonDocument.Parse(stdout).RootElement.GetProperty("secret").GetString()!;
        await using var server = await ServedProcess.StartAsync("churnops.dll", "serve", "-C", Project.Root, "--host", "0.0.0.0", "--port", "0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Url!.Port}") };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var anonymous = await http.GetAsync(new Uri("/api/2.0/mlflow/experiments/search?max_results=1", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/2.0/mlflow/experiments/search?max_results=1", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using var authenticated = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Equal(0, await server.StopAsync());
        Assert.DoesNotContain(server.ErrorLines, l => l.Contains("--insecure", StringComparison.Ordinal));
    }
}
