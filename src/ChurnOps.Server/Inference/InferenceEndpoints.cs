using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Inference;

/// <summary>Open Inference Protocol v2 (KServe): health, model metadata and infer, scoring with the served alias.</summary>
internal static class InferenceEndpoints
{
    private static readonly ConditionalWeakTable<ServedModel, IReadOnlyList<InputSpec>> Specs = [];

    public static IServiceCollection AddInference(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        services.AddSingleton(sp => new ServedModelCache(workspace, sp.GetRequiredService<ILogger<ServedModelCache>>()));
        services.AddSingleton(new PredictionLog(workspace.DuckDb, workspace.Layout.PredictionSpoolDir));
        services.AddHostedService<PredictionLogService>();
        return services;
    }

    public static IEndpointRouteBuilder MapInference(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Inference (Open Inference Protocol v2)");
        v2.MapGet("/health/live", () => Results.Ok(new { live = true }));
        v2.MapGet("/health/ready", () => Results.Ok(new { ready = true }));
        v2.MapGet("/models/{model}", GetMetadataAsync);
        v2.MapGet("/models/{model}/ready", GetReadyAsync);
        v2.MapPost("/models/{model}/infer", InferAsync);
        return app;
    }

    private static async Task<IResult> GetMetadataAsync(string model, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct)
    {
        var (served, error) = await models.GetAsync(model, workspace.Config.Serving.Alias, ct).ConfigureAwait(false);
        if (served is null)
        {
            return Results.NotFound(new InferenceError(error!));
        }

        var versions = await workspace.Registry.ListVersionsAsync(model, ct).ConfigureAwait(false);
        return Results.Ok(new
        {
            name = model,
            versions = versions.Select(v => v.Version.ToString(CultureInfo.InvariantCulture)),
            platform = "mlnet",
            inputs = InputSpecs(served).Select(s => new { name = s.Name, datatype = s.IsText ? "BYTES" : "FP64", shape = new[] { -1 } }),
            outputs = new[]
            {
                new { name = "probability", datatype = "FP32", shape = new[] { -1 } },
                new { name = "label", datatype = "BOOL", shape = new[] { -1 } },
            },
        });
    }

    private static async Task<IResult> GetReadyAsync(string model, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct)
    {
        var (served, error) = await models.GetAsync(model, workspace.Config.Serving.Alias, ct).ConfigureAwait(false);
        return served is null ? Results.NotFound(new InferenceError(error!)) : Results.Ok(new { name = model, ready = true });
    }

    private static async Task<IResult> InferAsync(string model, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        InferenceRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Body, InferenceJsonContext.Default.InferenceRequest, ct).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new InferenceError($"malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:")[0]}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Json(new InferenceError($"request body exceeds {workspace.Config.Serving.MaxRequestBytes} bytes"), statusCode: 413);
        }

        var (served, error) = await models.GetAsync(model, workspace.Config.Serving.Alias, ct).ConfigureAwait(false);
        if (served is null)
        {
            return Results.NotFound(new InferenceError(error!));
        }

        TabularData? data;
        if (EntityFeatureLookup.Applies(request, workspace.Config.Model.Entity, served))
        {
            var (looked, status, lookupError) = await EntityFeatureLookup.LookupAsync(request!, workspace.Config.Model.Entity, served, features, ct).ConfigureAwait(false);
            if (looked is null)
            {
                return Results.Json(new InferenceError(lookupError!), statusCode: status);
            }

            data = looked;
        }
        else
        {
            (data, var parseError) = InferenceRequestParser.Parse(request, InputSpecs(served));
            if (data is null)
            {
                return Results.BadRequest(new InferenceError(parseError!));
            }
        }

        var probabilities = served.Engine.ScoreBatch(data);
        var threshold = served.Engine.Threshold;
        var labels = new bool[probabilities.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = probabilities[i] >= threshold;
        }

        var requestId = string.IsNullOrEmpty(request!.Id) ? Guid.CreateVersion7().ToString("N") : request.Id;
        await LogAsync(log, workspace, served, data, requestId, probabilities, labels, ct).ConfigureAwait(false);
        var version = served.Version.Version.ToString(CultureInfo.InvariantCulture);
        var headers = http.HttpContext.Response.Headers;
        headers["x-model-version"] = version;
        headers["x-inference-ms"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
        return new InferenceResponseResult(model, version, requestId, probabilities, labels);
    }

    /// <summary>
    /// Queues one record per row. The record keeps the parsed row and the background writer turns it into the inputs
    /// JSON, so this costs one allocation per prediction and, while the queue has room, never waits.
    /// </summary>
    private static async ValueTask LogAsync(PredictionLog log, ChurnOpsWorkspace workspace, ServedModel served, TabularData data, string requestId, float[] probabilities, bool[] labels, CancellationToken ct)
    {
        var now = workspace.Time.GetUtcNow();
        var entities = data.TryGetColumn(workspace.Config.Model.Entity, out var column) ? column.Texts : null;
        for (var row = 0; row < probabilities.Length; row++)
        {
            var id = probabilities.Length == 1 ? requestId : requestId + "-" + row.ToString(CultureInfo.InvariantCulture);
            var record = new PredictionRecord(id, served.Version.ModelName, served.Version.Version, entities?[row], probabilities[row], labels[row], "online", now, null)
            {
                InputRow = new PredictionInputRow(data, row),
            };
            await log.EnqueueAsync(record, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The served model's inputs, worked out once per loaded model rather than per request.</summary>
    private static IReadOnlyList<InputSpec> InputSpecs(ServedModel served) =>
        Specs.GetValue(served, static s => s.Engine.Signature.Inputs.Select(i => new InputSpec(i.Name, string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase), i.Required)).ToList());
}
