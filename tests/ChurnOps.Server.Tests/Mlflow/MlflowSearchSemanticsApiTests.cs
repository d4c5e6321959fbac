using System.Text.Json;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>
/// Behaviours MLflow's own tests assert (test_sqlalchemy_store.py, test_search_utils.py), and limits found by probing,
/// each sent as the JSON an MLflow client sends to a real port.
/// </summary>
public sealed class MlflowSearchSemanticsApiTests(MlflowServerFixture server) : IClassFixture<MlflowServerFixture>
{
    [Theory]
    [InlineData("ASC", new[] { "neg-inf", "low", "high", "pos-inf", "nan", "missing" })]
    [InlineData("DESC", new[] { "pos-inf", "high", "low", "neg-inf", "nan", "missing" })]
    public async Task SearchRuns_OrderByMetricWithNaNAndInfinities_NaNAfterValuesAndBeforeMissing(string direction, string[] expected)
    {
        // test_order_by_metric_tag_param: NaN comes after every value (±Inf included) and before runs without the metric.
        var experimentId = await ExperimentAsync();
        foreach (var (name, value) in new[] { ("nan", "\"NaN\""), ("pos-inf", "\"Infinity\""), ("neg-inf", "\"-Infinity\""), ("low", "0.1"), ("high", "0.9"), ("missing", null) })
        {
            var runId = await RunAsync(experimentId, name, 1700000000000);
            if (value is not null)
            {
                await server.PostAsync("/api/2.0/mlflow/runs/log-metric", $$"""{"run_id": "{{runId}}", "key": "x", "value": {{value}}, "timestamp": 1, "step": 0}""");
            }
        }

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "order_by": ["metrics.x {{direction}}"]}""");

        Assert.Equal(200, status);
        Assert.Equal(expected, Names(body));
    }

    [Fact]
    public async Task SearchRuns_EqualStartTimes_TiesOrderedByRunIdAscending()
    {
        // test_search_pagination: runs with one start_time come back in run_id order, page after page.
        var experimentId = await ExperimentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await RunAsync(experimentId, "r" + i, 1700000000000));
        }

        var (_, first) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "max_results": 4}""");
        var token = first.GetProperty("next_page_token").GetString();
        var (_, second) = await server.PostAsync("/api/2.0/mlflow/runs/search", $$"""{"experiment_ids": ["{{experimentId}}"], "max_results": 4, "page_token": "{{token}}"}""");

        Assert.Equal(ids.Order(StringComparer.Ordinal), RunIds(first).Concat(RunIds(second)));
    }

    [Theory]
    [InlineData("`metric`.a >= 0.5", "hit")]
    [InlineData("`metrics`.a >= 0.5", "hit")]
    [InlineData("`params`.model = 'LR'", "hit")]
    [InlineData("`param`.`model` = 'LR'", "hit")]
    [InlineData("`tags`.source_name = 'nb'", "hit")]
    [InlineData("`tag`.\"source_name\" = 'nb'", "hit")]
    [InlineData("`attribute`.run_name = 'hit'", "hit")]
    [InlineData("`run`.status = 'RUNNING' and `metric`.a < 0.5", "miss")]
    public async Task SearchRuns_BacktickedEntityPrefix_IsAccepted(string filter, string expected)
    {
        // test_filter (search utils): the entity type may be backticked like the key.
        var experimentId = await ExperimentAsync();
        foreach (var (name, a) in new[] { ("hit", 0.9), ("miss", 0.1) })
        {
            var runId = await RunAsync(experimentId, name, 1700000000000);
            await server.PostAsync("/api/2.0/mlflow/runs/log-batch", $$"""
                {"run_id": "{{runId}}", "metrics": [{"key": "a", "value": {{a}}, "timestamp": 1, "step": 0}],
                 "params": [{"key": "model", "value": "{{(name == "hit" ? "LR" : "RF")}}"}], "tags": [{"key": "source_name", "value": "{{(name == "hit" ? "nb" : "job")}}"}]}
                """);
        }

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { experimentId }, filter }));

        Assert.Equal(200, status);
        Assert.Equal([expected], Names(body));
    }

    [Theory]
    [InlineData("attribute.lifecycle_stage = 'ACTIVE'")]
    [InlineData("attributes.experiment_id = '0'")]
    [InlineData("attribute.unknown = 'x'")]
    [InlineData("lifecycle_stage = 'active'")]
    public async Task SearchRuns_AttributeMlflowDoesNotSearch_Returns400InvalidParameterValue(string filter)
    {
        // test_search_attrs: only RunInfo's searchable attributes (and their aliases) may be filtered on.
        var (experimentId, _) = await server.NewRunAsync();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { experimentId }, filter }));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        Assert.Contains("Invalid attribute key", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogInputs_SameDatasetAgainWithOtherTagsAndFields_ChangesNothing()
    {
        // test_log_input_multiple_times_does_not_overwrite_tags_or_dataset.
        var (_, runId) = await server.NewRunAsync();
        var first = $$$"""
            {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "key1", "value": "value1"}, {"key": "key2", "value": "value2"}],
              "dataset": {"name": "name", "digest": "digest", "source_type": "st", "source": "source", "schema": "schema", "profile": "profile"}}]}
            """;
        Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/runs/log-inputs", first)).Status);
        for (var i = 0; i < 3; i++)
        {
            var again = $$$"""
                {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "key{{{i + 3}}}", "value": "value{{{i + 3}}}"}],
                  "dataset": {"name": "name", "digest": "digest", "source_type": "st{{{i}}}", "source": "source{{{i}}}", "schema": "schema{{{i}}}", "profile": "profile{{{i}}}"}}]}
                """;
            Assert.Equal(200, (await server.PostAsync("/api/2.0/mlflow/runs/log-inputs", again)).Status);
        }

        var (_, run) = await server.GetAsync($"/api/2.0/mlflow/runs/get?run_id={runId}");

        var input = Assert.Single(run.GetProperty("run").GetProperty("inputs").GetProperty("dataset_inputs").EnumerateArray());
        Assert.Equal(["key1=value1", "key2=value2"], input.GetProperty("tags").EnumerateArray().Select(t => $"{t.GetProperty("key").GetString()}={t.GetProperty("value").GetString()}"));
        var dataset = input.GetProperty("dataset");
        Assert.Equal(["st", "source", "schema", "profile"], new[] { "source_type", "source", "schema", "profile" }.Select(f => dataset.GetProperty(f).GetString()));
    }

    [Fact]
    public async Task SearchRuns_FilterOf501AndClauses_Returns400NamingTheLimit()
    {
        // Found by probing: SQLite refused the statement ("too many terms") and the API answered 500.
        var (experimentId, _) = await server.NewRunAsync();
        var filter = string.Join(" AND ", Enumerable.Range(0, 501).Select(i => $"params.p{i} = 'v'"));

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { experimentId }, filter }));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains("at most 250 clauses", message, StringComparison.Ordinal);
        Assert.True(message.Length < 500, "the message must not echo the whole filter back");
    }

    [Fact]
    public async Task SearchRuns_FilterAtTheClauseLimitAndManyOrderTerms_Answers()
    {
        // The bound is where SQLite still runs the statement: 250 clauses each needing its own child-table probe.
        var (experimentId, runId) = await server.NewRunAsync();
        await server.PostAsync("/api/2.0/mlflow/runs/log-batch", JsonSerializer.Serialize(new
        {
            run_id = runId,
            @params = Enumerable.Range(0, 100).Select(i => new { key = "p" + i, value = "v" }),
        }));
        var filter = string.Join(" AND ", Enumerable.Range(0, 250).Select(i => $"params.p{i % 100} = 'v'"));
        var orderBy = Enumerable.Range(0, 32).Select(i => $"params.p{i}").ToArray();

        var (status, body) = await server.PostAsync("/api/2.0/mlflow/runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { experimentId }, filter, order_by = orderBy }));
        var (tooMany, refused) = await server.PostAsync("/api/2.0/mlflow/runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { experimentId }, order_by = orderBy.Append("params.p99").ToArray() }));

        Assert.Equal(200, status);
        Assert.Equal([runId], RunIds(body));
        Assert.Equal(400, tooMany);
        Assert.Equal("INVALID_PARAMETER_VALUE", refused.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task UploadArtifact_OntoAnExistingFolderOrBelowAFile_Returns400AndKeepsWhatWasThere()
    {
        // Found by probing: a PUT onto a folder made the rename fail and the API answered 500.
        var root = $"/api/2.0/mlflow-artifacts/artifacts/0/{Guid.NewGuid():N}/artifacts";
        using (var file = new ByteArrayContent("inner"u8.ToArray()))
        {
            Assert.True((await server.Client.PutAsync(new Uri($"{root}/model/MLmodel", UriKind.Relative), file)).IsSuccessStatusCode);
        }

        using var onFolder = new ByteArrayContent("x"u8.ToArray());
        using var folderResponse = await server.Client.PutAsync(new Uri($"{root}/model", UriKind.Relative), onFolder);
        using var belowFile = new ByteArrayContent("x"u8.ToArray());
        using var fileResponse = await server.Client.PutAsync(new Uri($"{root}/model/MLmodel/nested.txt", UriKind.Relative), belowFile);

        foreach (var response in new[] { folderResponse, fileResponse })
        {
            Assert.Equal(400, (int)response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        }

        Assert.Contains("folder", JsonDocument.Parse(await folderResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("inner", await server.Client.GetStringAsync(new Uri($"{root}/model/MLmodel", UriKind.Relative)));
    }

    private static IEnumerable<string?> Names(JsonElement body) =>
        body.TryGetProperty("runs", out var runs) ? runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()) : [];

    private static IEnumerable<string> RunIds(JsonElement body) =>
        body.TryGetProperty("runs", out var runs) ? runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_id").GetString()!) : [];

    private async Task<string> ExperimentAsync()
    {
        var (_, created) = await server.PostAsync("/api/2.0/mlflow/experiments/create", $$"""{"name": "semantics-{{Guid.NewGuid():N}}"}""");
        return created.GetProperty("experiment_id").GetString()!;
    }

    private async Task<string> RunAsync(string experimentId, string name, long startTime)
    {
        var (_, run) = await server.PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "run_name": "{{name}}", "start_time": {{startTime}}}""");
        return run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
    }
}
