using System.Net;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Server.Tests.Access;

/// <summary>
/// Every team of the reference project × every writing endpoint (native, both MLflow prefixes, the artifact proxy),
/// over a real port with each team's token: allowed where the seeds' RACI makes the team Responsible or Accountable,
/// else 403 naming the permission, in MLflow's wire format on MLflow routes and as ProblemDetails on native ones.
/// </summary>
public sealed class PermissionMatrixTests(AccessServerFixture server) : IClassFixture<AccessServerFixture>
{
    // Written out from the seeds, not computed from the code under test.
    private static readonly Dictionary<string, string[]> MayPerform = new(StringComparer.Ordinal)
    {
        ["train"] = ["data-science", "ml-engineering", "mlops-team"],
        ["register"] = ["ml-engineering", "data-science"],
        ["delete"] = ["ml-engineering", "mlops-team"],
        ["deploy"] = ["mlops-team"],
        ["rollback"] = ["mlops-team"],
        ["approve"] = ["mlops-team"],
        ["alert_ack"] = ["mlops-team", "data-engineering"],
    };

    /// <summary>(method, path, body, content type, activity): the request and the permission it needs.</summary>
    public static IReadOnlyList<(string Method, string Path, string Body, string ContentType, string Activity)> Writes { get; } = BuildWrites();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var team in AccessServerFixture.Teams)
        {
            for (var i = 0; i < Writes.Count; i++)
            {
                data.Add(team, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_EachTeamOnEachEndpoint_AllowedByTheRaciElse403NamingThePermission(string team, int index)
    {
        var (method, path, body, contentType, activity) = Writes[index];
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, contentType) };

        using var response = await server.Bearer(server.TeamTokens[team]).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        if (MayPerform[activity].Contains(team))
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{team} {method} {path}: {(int)response.StatusCode} {text}");
            return;
        }

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var json = JsonDocument.Parse(text).RootElement;
        if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(activity, json.GetProperty("permission").GetString());
            Assert.Contains($"permission '{activity}' denied", json.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("PERMISSION_DENIED", json.GetProperty("error_code").GetString());
            Assert.Contains($"permission '{activity}' denied", json.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains($"'{team}'", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static List<(string, string, string, string, string)> BuildWrites()
    {
        const string Json = "application/json";
        var writes = new List<(string, string, string, string, string)>
        {
            ("POST", "/api/v1/deployments", """{"model": "churn", "version": 99}""", Json, "deploy"),
            ("POST", "/api/v1/deployments/424242/promote", "{}", Json, "deploy"),
            ("POST", "/api/v1/deployments/424242/pause", "{}", Json, "deploy"),
            ("POST", "/api/v1/deployments/424242/rollback", "{}", Json, "rollback"),
            ("POST", "/api/v1/models/no-such-model/versions/1/approve", "{}", Json, "approve"),
            ("POST", "/api/v1/models/no-such-model/versions/1/reject", "{}", Json, "approve"),
            ("POST", "/api/v1/alerts/424242/ack", "{}", Json, "alert_ack"),
            ("POST", "/api/v1/alerts/424242/resolve", "{}", Json, "alert_ack"),
        };
        string[] train = ["experiments/create", "experiments/update", "experiments/restore", "experiments/set-experiment-tag", "experiments/delete-experiment-tag",
            "runs/create", "runs/update", "runs/delete", "runs/restore", "runs/log-metric", "runs/log-parameter", "runs/log-batch", "runs/set-tag", "runs/delete-tag", "runs/log-inputs", "logged-models"];
        foreach (var prefix in new[] { "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
        {
            writes.AddRange(train.Select(p => ("POST", $"{prefix}/{p}", "{}", Json, "train")));
            writes.Add(("PATCH", $"{prefix}/logged-models/m-0000", "{}", Json, "train"));
            writes.Add(("POST", $"{prefix}/experiments/delete", """{"experiment_id": "424242"}""", Json, "delete"));
            writes.Add(("POST", $"{prefix}/registered-models/create", "{}", Json, "register"));
            writes.Add(("POST", $"{prefix}/registered-models/rename", "{}", Json, "register"));
            writes.Add(("PATCH", $"{prefix}/registered-models/update", "{}", Json, "register"));
            writes.Add(("POST", $"{prefix}/registered-models/set-tag", "{}", Json, "register"));
            writes.Add(("DELETE", $"{prefix}/registered-models/delete-tag", "{}", Json, "register"));
            writes.Add(("DELETE", $"{prefix}/registered-models/delete", """{"name": "no-such-model"}""", Json, "delete"));
            writes.Add(("POST", $"{prefix}/registered-models/alias", """{"name": "no-such-model", "alias": "challenger", "version": "1"}""", Json, "register"));
            writes.Add(("POST", $"{prefix}/registered-models/alias", """{"name": "no-such-model", "alias": "champion", "version": "1"}""", Json, "deploy"));
            writes.Add(("DELETE", $"{prefix}/registered-models/alias", """{"name": "no-such-model", "alias": "challenger"}""", Json, "register"));
            writes.Add(("DELETE", $"{prefix}/registered-models/alias?name=no-such-model&alias=champion", "", Json, "deploy"));
            writes.Add(("POST", $"{prefix}/model-versions/create", "{}", Json, "register"));
            writes.Add(("PATCH", $"{prefix}/model-versions/update", "{}", Json, "register"));
            writes.Add(("POST", $"{prefix}/model-versions/set-tag", "{}", Json, "register"));
            writes.Add(("DELETE", $"{prefix}/model-versions/delete-tag", "{}", Json, "register"));
            writes.Add(("DELETE", $"{prefix}/model-versions/delete", """{"name": "no-such-model", "version": "1"}""", Json, "delete"));
            writes.Add(("POST", $"{prefix}/model-versions/transition-stage", """{"name": "no-such-model", "version": "1", "stage": "Production"}""", Json, "deploy"));
            writes.Add(("POST", $"{prefix}/model-versions/transition-stage", """{"name": "no-such-model", "version": "1", "stage": "Staging"}""", Json, "register"));
        }

        writes.Add(("POST", "/ajax-api/2.0/mlflow/upload-artifact?run_uuid=no-such-run&path=x.txt", "x", "application/octet-stream", "train"));
        foreach (var prefix in new[] { "/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts" })
        {
            writes.Add(("PUT", $"{prefix}/artifacts/424242/no-such-run/artifacts/notes.txt", "notes", "text/plain", "train"));
            writes.Add(("DELETE", $"{prefix}/artifacts/424242/no-such-run/artifacts/notes.txt", "", Json, "train"));
        }

        return writes;
    }
}
