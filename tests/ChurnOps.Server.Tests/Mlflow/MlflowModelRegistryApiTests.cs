using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>
/// The model registry API with the exact bodies MLflow 2.x/3.x clients send (register_model, log_model with
/// registered_model_name, transition_model_version_stage, set_registered_model_alias, get_model_version_by_alias,
/// search_model_versions) and MLflow's answers, errors included.
/// </summary>
public sealed class MlflowModelRegistryApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    private static string NewName() => "model-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task RegisterModel_AsMlflow2ClientSendsIt_CreatesModelThenVersionOne()
    {
        var (_, runId) = await server.NewRunAsync();
        var name = NewName();

        // mlflow.register_model: create the registered model (RESOURCE_ALREADY_EXISTS is expected and tolerated), then the version.
        var (createStatus, created) = await server.PostAsync("/api/2.0/mlflow/registered-models/create", $$"""{"name": "{{name}}"}""");
        var (againStatus, again) = await server.PostAsync("/api/2.0/mlflow/registered-models/create", $$"""{"name": "{{name}}"}""");
        var (versionStatus, version) = await server.PostAsync("/api/2.0/mlflow/model-versions/create",
            $$"""{"name": "{{name}}", "source": "runs:/{{runId}}/model", "run_id": "{{runId}}", "tags": [{"key": "flavor", "value": "sklearn"}]}""");

        Assert.Equal(200, createStatus);
        var model = created.GetProperty("registered_model");
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.True(model.GetProperty("creation_timestamp").GetInt64() > 1_600_000_000_000);
        Assert.Equal(400, againStatus);
        Assert.Equal("RESOURCE_ALREADY_EXISTS", again.GetProperty("error_code").GetString());
        Assert.Equal($"Registered Model (name={name}) already exists.", again.GetProperty("message").GetString());
        Assert.Equal(200, versionStatus);
        var mv = version.GetProperty("model_version");
        Assert.Equal("1", mv.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.String, mv.GetProperty("version").ValueKind);
        Assert.Equal("READY", mv.GetProperty("status").GetString());
        Assert.Equal("None", mv.GetProperty("current_stage").GetString());
        Assert.Equal($"runs:/{runId}/model", mv.GetProperty("source").GetString());
        Assert.Equal(runId, mv.GetProperty("run_id").GetString());
        Assert.Equal("ana", mv.GetProperty("user_id").GetString());
        Assert.Empty(mv.GetProperty("aliases").EnumerateArray());
        var tags = mv.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value").GetString());
        Assert.Equal("sklearn", tags["flavor"]);
        Assert.Equal("pending_approval", tags["churnops.approval_status"]);
    }

    [Fact]
    public async Task LogModelWithRegisteredModelName_Mlflow3Flow_VersionPointsAtTheLoggedModel()
    {
        var (experimentId, runId) = await server.NewRunAsync();
        var name = NewName();
        var (_, logged) = await server.PostAsync("/api/2.0/mlflow/logged-models", $$"""{"experiment_id": "{{experimentId}}", "name": "model", "source_run_id": "{{runId}}"}""");
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;

        await server.PostAsync("/api/2.0/mlflow/registered-models/create", $$"""{"name": "{{name}}"}""");
        var (status, created) = await server.PostAsync("/api/2.0/mlflow/model-versions/create",
            $$"""{"name": "{{name}}", "source": "models:/{{modelId}}", "run_id": "{{runId}}", "model_id": "{{modelId}}"}""");
        var (uriStatus, uri) = await server.GetAsync($"/api/2.0/mlflow/model-versions/get-download-uri?name={name}&version=1");

        Assert.Equal(200, status);
        Assert.Equal($"models:/{modelId}", created.GetProperty("model_version").GetProperty("source").GetString());
        Assert.Equal(200, uriStatus);
        Assert.Equal(logged.GetProperty("model").GetProperty("info").GetProperty("artifact_uri").GetString(), uri.GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task TransitionModelVersionStage_StagingFreely_ProductionOnlyOnceApproved()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 2);

        var (stagingStatus, staging) = await server.PostAsync("/api/2.0/mlflow/model-versions/transition-stage",
            $$"""{"name": "{{name}}", "version": "1", "stage": "Staging", "archive_existing_versions": false}""");
        var (deniedStatus, denied) = await server.PostAsync("/api/2.0/mlflow/model-versions/transition-stage",
            $$"""{"name": "{{name}}", "version": "2", "stage": "Production", "archive_existing_versions": true}""");
        await Lifecycle.ApproveAsync(name, 1, new RegistryActor("bob", "mlops-team"), null, CancellationToken.None);
        await Lifecycle.ApproveAsync(name, 2, new RegistryActor("bob", "mlops-team"), null, CancellationToken.None);
        await server.PostAsync("/api/2.0/mlflow/model-versions/transition-stage", $$"""{"name": "{{name}}", "version": "1", "stage": "production", "archive_existing_versions": false}""");
        var (movedStatus, moved) = await server.PostAsync("/api/2.0/mlflow/model-versions/transition-stage",
            $$"""{"name": "{{name}}", "version": "2", "stage": "Production", "archive_existing_versions": true}""");
        var (_, first) = await server.GetAsync($"/api/2.0/mlflow/model-versions/get?name={name}&version=1");
        var (badStatus, bad) = await server.PostAsync("/api/2.0/mlflow/model-versions/transition-stage", $$"""{"name": "{{name}}", "version": "2", "stage": "Live"}""");

        Assert.Equal(200, stagingStatus);
        Assert.Equal("Staging", staging.GetProperty("model_version").GetProperty("current_stage").GetString());
        Assert.Equal(403, deniedStatus);
        Assert.Equal("PERMISSION_DENIED", denied.GetProperty("error_code").GetString());
        Assert.Contains("pending_approval, not approved", denied.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'mlops-team' is missing", denied.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, movedStatus);
        Assert.Equal("Production", moved.GetProperty("model_version").GetProperty("current_stage").GetString());
        Assert.Equal("Archived", first.GetProperty("model_version").GetProperty("current_stage").GetString());
        Assert.Equal(400, badStatus);
        Assert.Equal("INVALID_PARAMETER_VALUE", bad.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task SetRegisteredModelAlias_AnyAliasFreely_ServingAliasNeedsApproval_ReservedNamesRefused()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 1);

        var (setStatus, _) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "challenger", "version": "1"}""");
        var (deniedStatus, denied) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "champion", "version": "1"}""");
        var (latestStatus, latest) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "Latest", "version": "1"}""");
        var (vStatus, v) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "v3", "version": "1"}""");
        var (missingStatus, missing) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "shadow", "version": "7"}""");
        await Lifecycle.ApproveAsync(name, 1, new RegistryActor("bob", "mlops-team"), "ok", CancellationToken.None);
        var (approvedStatus, _) = await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "champion", "version": "1"}""");
        var (_, model) = await server.GetAsync($"/api/2.0/mlflow/registered-models/get?name={name}");

        Assert.Equal(200, setStatus);
        Assert.Equal(403, deniedStatus);
        Assert.Equal("PERMISSION_DENIED", denied.GetProperty("error_code").GetString());
        Assert.StartsWith("alias 'champion' serves traffic (serving.alias)", denied.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((400, "INVALID_PARAMETER_VALUE"), (latestStatus, latest.GetProperty("error_code").GetString()));
        Assert.Contains("reserved", latest.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, vStatus);
        Assert.Contains("'v3' is a reserved alias name", v.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((404, "RESOURCE_DOES_NOT_EXIST"), (missingStatus, missing.GetProperty("error_code").GetString()));
        Assert.Equal(200, approvedStatus);
        var aliases = model.GetProperty("registered_model").GetProperty("aliases").EnumerateArray()
            .Select(a => (a.GetProperty("alias").GetString(), a.GetProperty("version").GetString())).ToList();
        Assert.Equal([("challenger", "1"), ("champion", "1")], aliases);
    }

    [Fact]
    public async Task GetModelVersionByAlias_KnownAndUnknown_VersionOr404()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 2);
        await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "challenger", "version": 2}""");

        var (status, found) = await server.GetAsync($"/api/2.0/mlflow/registered-models/alias?name={name}&alias=challenger");
        var (missingStatus, missing) = await server.GetAsync($"/ajax-api/2.0/mlflow/registered-models/alias?name={name}&alias=shadow");
        var (deleteStatus, _) = await DeleteAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "challenger"}""");
        var (goneStatus, _) = await server.GetAsync($"/api/2.0/mlflow/registered-models/alias?name={name}&alias=challenger");

        Assert.Equal(200, status);
        var mv = found.GetProperty("model_version");
        Assert.Equal("2", mv.GetProperty("version").GetString());
        Assert.Equal(["challenger"], mv.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(404, missingStatus);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", missing.GetProperty("error_code").GetString());
        Assert.Contains("alias shadow not found", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, deleteStatus);
        Assert.Equal(404, goneStatus);
    }

    [Fact]
    public async Task SearchModelVersions_AsMlflowClientPagesThem_FilterOrderAndPages()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 3);

        var filter = Uri.EscapeDataString($"name='{name}'");
        var (status, all) = await server.GetAsync($"/api/2.0/mlflow/model-versions/search?filter={filter}&max_results=10000");
        var (_, page1) = await server.GetAsync($"/api/2.0/mlflow/model-versions/search?filter={filter}&max_results=2&order_by=version_number+ASC");
        var token = Uri.EscapeDataString(page1.GetProperty("next_page_token").GetString()!);
        var (_, page2) = await server.GetAsync($"/api/2.0/mlflow/model-versions/search?filter={filter}&max_results=2&order_by=version_number+ASC&page_token={token}");
        var byRun = Uri.EscapeDataString($"name = '{name}' AND run_id = 'run-2'");
        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/model-versions/search?filter={byRun}");
        var (badStatus, bad) = await server.GetAsync($"/api/2.0/mlflow/model-versions/search?filter={Uri.EscapeDataString("status = 'READY'")}");

        Assert.Equal(200, status);
        Assert.Equal(["3", "2", "1"], Versions(all));
        Assert.Equal(["1", "2"], Versions(page1));
        Assert.Equal(["3"], Versions(page2));
        Assert.False(page2.TryGetProperty("next_page_token", out _));
        Assert.Equal(["2"], Versions(run));
        Assert.Equal(400, badStatus);
        Assert.Contains("unknown field 'status'", bad.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRegisteredModels_MaxResultsOver1000_Refused_AndChurnOpsVersionsVisible()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 1);

        var (tooManyStatus, tooMany) = await server.GetAsync("/api/2.0/mlflow/registered-models/search?max_results=1001");
        var (status, found) = await server.GetAsync($"/api/2.0/mlflow/registered-models/search?filter={Uri.EscapeDataString($"name LIKE '{name[..8]}%' AND name = '{name}'")}");
        var (latestStatus, latest) = await server.PostAsync("/api/2.0/mlflow/registered-models/get-latest-versions", $$"""{"name": "{{name}}", "stages": ["None"]}""");

        Assert.Equal(400, tooManyStatus);
        Assert.Equal("INVALID_PARAMETER_VALUE", tooMany.GetProperty("error_code").GetString());
        Assert.Contains("at most 1000", tooMany.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, status);
        var model = Assert.Single(found.GetProperty("registered_models").EnumerateArray());
        var version = Assert.Single(model.GetProperty("latest_versions").EnumerateArray());
        Assert.Equal("runs:/run-1/model", version.GetProperty("source").GetString());
        Assert.Equal("lightgbm-trainer", version.GetProperty("user_id").GetString());
        Assert.Equal(200, latestStatus);
        Assert.Equal("1", Assert.Single(latest.GetProperty("model_versions").EnumerateArray()).GetProperty("version").GetString());
    }

    [Fact]
    public async Task RenameUpdateTagsAndDelete_RoundTripWithMlflowShapes()
    {
        var name = NewName();
        var renamed = NewName();
        await RegisterTrainedAsync(name, 2);

        var (renameStatus, rename) = await server.PostAsync("/api/2.0/mlflow/registered-models/rename", $$"""{"name": "{{name}}", "new_name": "{{renamed}}"}""");
        var (updateStatus, update) = await SendAsync(HttpMethod.Patch, "/api/2.0/mlflow/registered-models/update", $$"""{"name": "{{renamed}}", "description": "churn risk"}""");
        var (versionUpdateStatus, versionUpdate) = await SendAsync(HttpMethod.Patch, "/api/2.0/mlflow/model-versions/update", $$"""{"name": "{{renamed}}", "version": "2", "description": "v2"}""");
        await server.PostAsync("/api/2.0/mlflow/registered-models/set-tag", $$"""{"name": "{{renamed}}", "key": "team", "value": "ds"}""");
        await server.PostAsync("/api/2.0/mlflow/model-versions/set-tag", $$"""{"name": "{{renamed}}", "version": "2", "key": "k", "value": "v"}""");
        var (approvalTagStatus, _) = await server.PostAsync("/api/2.0/mlflow/model-versions/set-tag", $$"""{"name": "{{renamed}}", "version": "2", "key": "churnops.approval_status", "value": "approved"}""");
        var (deleteTagStatus, _) = await DeleteAsync("/api/2.0/mlflow/model-versions/delete-tag", $$"""{"name": "{{renamed}}", "version": "2", "key": "k"}""");
        var (deleteMissingTagStatus, _) = await DeleteAsync("/api/2.0/mlflow/registered-models/delete-tag", $$"""{"name": "{{renamed}}", "key": "nope"}""");
        var (deleteVersionStatus, _) = await DeleteAsync("/api/2.0/mlflow/model-versions/delete", $$"""{"name": "{{renamed}}", "version": "2"}""");
        var (afterStatus, after) = await server.PostAsync("/api/2.0/mlflow/model-versions/create", $$"""{"name": "{{renamed}}", "source": "mlflow-artifacts:/0/abc/artifacts/model"}""");
        var (deleteModelStatus, _) = await DeleteAsync("/api/2.0/mlflow/registered-models/delete", $$"""{"name": "{{renamed}}"}""");
        var (goneStatus, _) = await server.GetAsync($"/api/2.0/mlflow/registered-models/get?name={renamed}");

        Assert.Equal(200, renameStatus);
        Assert.Equal(renamed, rename.GetProperty("registered_model").GetProperty("name").GetString());
        Assert.Equal(200, updateStatus);
        Assert.Equal("churn risk", update.GetProperty("registered_model").GetProperty("description").GetString());
        Assert.Equal((200, "v2"), (versionUpdateStatus, versionUpdate.GetProperty("model_version").GetProperty("description").GetString()));
        Assert.Equal(400, approvalTagStatus);
        Assert.Equal(200, deleteTagStatus);
        Assert.Equal(404, deleteMissingTagStatus);
        Assert.Equal(200, deleteVersionStatus);
        Assert.Equal(200, afterStatus);
        Assert.Equal("3", after.GetProperty("model_version").GetProperty("version").GetString());
        Assert.Equal(200, deleteModelStatus);
        Assert.Equal(404, goneStatus);
    }

    [Fact]
    public async Task BadInput_UnknownNamesNonIntegerVersionsTraversalAndServingDeletes_MlflowErrors()
    {
        var name = NewName();
        await RegisterTrainedAsync(name, 1);
        await Lifecycle.ApproveAsync(name, 1, new RegistryActor("bob", "mlops-team"), null, CancellationToken.None);
        await server.PostAsync("/api/2.0/mlflow/registered-models/alias", $$"""{"name": "{{name}}", "alias": "champion", "version": "1"}""");

        var (unknownModel, unknownModelBody) = await server.GetAsync("/api/2.0/mlflow/registered-models/get?name=nope-model");
        var (unknownVersion, unknownVersionBody) = await server.GetAsync($"/api/2.0/mlflow/model-versions/get?name={name}&version=9");
        var (nonInteger, nonIntegerBody) = await server.GetAsync($"/api/2.0/mlflow/model-versions/get?name={name}&version=abc");
        var (traversal, traversalBody) = await server.PostAsync("/api/2.0/mlflow/model-versions/create", $$"""{"name": "{{name}}", "source": "/tmp/a/../../etc"}""");
        var (encoded, _) = await server.PostAsync("/api/2.0/mlflow/model-versions/create", $$"""{"name": "{{name}}", "source": "runs:/abc/%2E%2E/x"}""");
        var (noModel, _) = await server.PostAsync("/api/2.0/mlflow/model-versions/create", """{"name": "nope-model", "source": "s3://b/m"}""");
        var (noRun, _) = await server.PostAsync("/api/2.0/mlflow/model-versions/create", $$"""{"name": "{{name}}", "source": "s3://b/m", "run_id": "0123456789abcdef0123456789abcdef"}""");
        var (servingDelete, servingDeleteBody) = await DeleteAsync("/api/2.0/mlflow/model-versions/delete", $$"""{"name": "{{name}}", "version": "1"}""");
        var (servingModelDelete, _) = await DeleteAsync("/api/2.0/mlflow/registered-models/delete", $$"""{"name": "{{name}}"}""");
        var (emptyName, _) = await server.PostAsync("/api/2.0/mlflow/registered-models/create", """{"name": ""}""");
        var (noVersion, noVersionBody) = await server.GetAsync($"/api/2.0/mlflow/model-versions/get?name={name}");

        Assert.Equal((404, "RESOURCE_DOES_NOT_EXIST"), (unknownModel, unknownModelBody.GetProperty("error_code").GetString()));
        Assert.Equal("Registered Model with name=nope-model not found", unknownModelBody.GetProperty("message").GetString());
        Assert.Equal(404, unknownVersion);
        Assert.Equal($"Model Version (name={name}, version=9) not found", unknownVersionBody.GetProperty("message").GetString());
        Assert.Equal((400, "INVALID_PARAMETER_VALUE"), (nonInteger, nonIntegerBody.GetProperty("error_code").GetString()));
        Assert.Contains("'version'", nonIntegerBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, traversal);
        Assert.Contains("'..'", traversalBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, encoded);
        Assert.Equal(404, noModel);
        Assert.Equal(404, noRun);
        Assert.Equal(400, servingDelete);
        Assert.Contains("alias 'champion' (serving.alias, serves traffic)", servingDeleteBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, servingModelDelete);
        Assert.Equal(400, emptyName);
        Assert.Equal(400, noVersion);
        Assert.Equal("Missing value for required parameter 'version'.", noVersionBody.GetProperty("message").GetString());
    }

    private ModelLifecycle Lifecycle => server.Workspace.Services.GetRequiredService<ModelLifecycle>();

    /// <summary>Versions as `churnops train` registers them: metrics that pass the gates and the training-time verdict.</summary>
    private async Task RegisterTrainedAsync(string name, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await server.Workspace.Registry.RegisterAsync(
                new NewModelVersion(name, $"run-{i}", $"tracking/1/run-{i}/artifacts/model/model.zip", "lightgbm", new Dictionary<string, double> { ["valid_auc"] = 0.9 },
                    new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null), "lightgbm-trainer", null)
                {
                    Source = $"runs:/run-{i}/model",
                    Gates = new GateVerdict(true, new Dictionary<string, double> { ["min_auc"] = 0.7 }, []),
                },
                CancellationToken.None);
        }
    }

    private static List<string?> Versions(JsonElement page) => page.GetProperty("model_versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();

    private Task<(int Status, JsonElement Body)> DeleteAsync(string path, string json) => SendAsync(HttpMethod.Delete, path, json);

    /// <summary>PATCH and DELETE with a JSON body, as MLflow's Python client sends them.</summary>
    private async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
