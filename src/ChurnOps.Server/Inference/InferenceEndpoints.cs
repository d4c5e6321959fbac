using System.Diagnostics;
using System.Globalization;
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
    public static IServiceCollection AddInference(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        services.AddSingleton(new ServedModelCache(workspace));
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
            request = await JsonSerializer.DeserializeAsync<InferenceRequest>(http.Body, cancellationToken: ct).ConfigureAwait(false);
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
        var labels = probabilities.Select(p => p >= threshold).ToArray();
        var requestId = string.IsNullOrEmpty(request!.Id) ? Guid.CreateVersion7().ToString("N") : request.Id;
        await LogAsync(log, workspace, served, data, requestId, probabilities, labels, ct).ConfigureAwait(false);
        http.HttpContext.Response.Headers["x-model-version"] = served.Version.Version.ToString(CultureInfo.InvariantCulture);
        http.HttpContext.Response.Headers["x-inference-ms"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
        return Results.Ok(new InferenceResponse(
            model,
            served.Version.Version.ToString(CultureInfo.InvariantCulture),
            requestId,
            [
                new InferenceOutput("probability", [probabilities.Length], "FP32", probabilities),
                new InferenceOutput("label", [labels.Length], "BOOL", labels),
            ]));
    }

    private static async Task LogAsync(PredictionLog log, ChurnOpsWorkspace workspace, ServedModel served, TabularData data, string requestId, float[] probabilities, bool[] labels, CancellationToken ct)
    {
        var entity = workspace.Config.Model.Entity;
        var now = workspace.Time.GetUtcNow();
        for (var row = 0; row < probabilities.Length; row++)
        {
            string? entityId = data.TryGetColumn(entity, out var column) && column.Texts is { } texts ? texts[row] : null;
            var inputs = InputsJson(data, row);
            var id = probabilities.Length == 1 ? requestId : requestId + "-" + row.ToString(CultureInfo.InvariantCulture);
            await log.EnqueueAsync(new PredictionRecord(id, served.Version.ModelName, served.Version.Version, entityId, probabilities[row], labels[row], "online", now, inputs), ct).ConfigureAwait(false);
        }
    }

    /// <summary>One row's inputs as a JSON object, written directly (this runs once per prediction on the hot path).</summary>
    private static string InputsJson(TabularData data, int row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var column in data.Columns)
            {
                if (column.Texts is { } texts)
                {
                    writer.WriteString(column.Name, texts[row]);
                }
                else if (double.IsNaN(column.Numbers![row]))
                {
                    writer.WriteNull(column.Name);
                }
                else
                {
                    writer.WriteNumber(column.Name, column.Numbers[row]);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IReadOnlyList<InputSpec> InputSpecs(ServedModel served) =>
        served.Engine.Signature.Inputs.Select(i => new InputSpec(i.Name, string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase), i.Required)).ToList();
}
