using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using ChurnOps.Server.Health;
using ChurnOps.Server.Predict;

namespace ChurnOps.Server.Inference;

/// <summary>Open Inference Protocol v2 (KServe): health, model metadata and infer, scoring with the served alias.</summary>
internal static class InferenceEndpoints
{
    private static readonly ConditionalWeakTable<ServedModel, IReadOnlyList<InputSpec>> Specs = [];

    public static IServiceCollection AddInference(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        services.AddSingleton(sp => new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time, sp.GetRequiredService<ILogger<ServedModelCache>>()));
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<PredictionLog>();
            var journal = workspace.Config.Serving.DurablePredictions
                ? PredictionJournal.Open(workspace.Layout.PredictionJournalDir, workspace.Time, logger)
                : null;
            return new PredictionLog(sp.GetRequiredService<PredictionWriter>(), workspace.Layout.PredictionSpoolDir, journal: journal, time: workspace.Time, logger: logger);
        });
        services.AddHostedService<PredictionLogService>();
        return services;
    }

    public static IEndpointRouteBuilder MapInference(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Inference (Open Inference Protocol v2)");
        v2.MapGet("/health/live", HealthEndpoints.Live);
        v2.MapGet("/health/ready", HealthEndpoints.ServerReadyAsync);
        v2.MapGet("/models/{model}", (string model, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct) =>
            GetMetadataAsync(model, null, workspace, models, ct));
        v2.MapGet("/models/{model}/ready", (string model, ModelReadiness readiness, CancellationToken ct) => HealthEndpoints.ModelReadyAsync(model, null, readiness, ct));
        v2.MapPost("/models/{model}/infer", (string model, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, CancellationToken ct) =>
            InferAsync(model, null, http, workspace, models, log, features, ct));
        v2.MapGet("/models/{model}/versions/{version}", (string model, string version, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct) =>
            GetMetadataAsync(model, version, workspace, models, ct));
        v2.MapGet("/models/{model}/versions/{version}/ready", (string model, string version, ModelReadiness readiness, CancellationToken ct) => HealthEndpoints.ModelReadyAsync(model, version, readiness, ct));
        v2.MapPost("/models/{model}/versions/{version}/infer", (string model, string version, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, CancellationToken ct) =>
            InferAsync(model, version, http, workspace, models, log, features, ct));
        return app;
    }

    /// <summary>The model the request names: the serving alias's version, or the exact version of a /versions/{v} route.</summary>
    private static ValueTask<(ServedModel? Model, string? Error)> ResolveAsync(string model, string? version, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct)
    {
        if (version is null)
        {
            return models.GetAsync(model, workspace.Config.Serving.Alias, ct);
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? models.GetVersionAsync(model, number, ct)
            : ValueTask.FromResult<(ServedModel?, string?)>((null, $"model '{model}' has no version '{(version.Length <= 40 ? version : version[..40] + "…")}'; versions are positive integers"));
    }

    private static async Task<IResult> GetMetadataAsync(string model, string? version, ChurnOpsWorkspace workspace, ServedModelCache models, CancellationToken ct)
    {
        var (served, error) = await ResolveAsync(model, version, workspace, models, ct).ConfigureAwait(false);
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

    private static async Task<IResult> InferAsync(string model, string? version, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var body = http.BodyReader;
        System.IO.Pipelines.ReadResult read;
        try
        {
            read = await InferenceRequestReader.ReadWholeAsync(body, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Json(new InferenceError($"request body exceeds {workspace.Config.Serving.MaxRequestBytes} bytes"), statusCode: 413);
        }

        // One async frame for the whole request; the body stays in the pipe until it has been read into columns.
        var consumed = false;
        try
        {
            var (served, error) = await ResolveAsync(model, version, workspace, models, ct).ConfigureAwait(false);
            TabularData? data;
            string? id;
            Dictionary<string, JsonElement>? parameters;
            if (served is not null && InferenceColumnReader.TryRead(read.Buffer, InferenceInputLayout.Of(InputSpecs(served)), out var columns))
            {
                (data, id, parameters) = columns;
            }
            else
            {
                // Anything the column reader declines is read and judged by the full parser, which says what is wrong
                // (a broken body before an unknown model, as always).
                var (request, readError) = InferenceRequestReader.Parse(read.Buffer);
                if (readError is not null)
                {
                    return Results.BadRequest(new InferenceError(readError));
                }

                if (served is null)
                {
                    return Results.NotFound(new InferenceError(error!));
                }

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

                (id, parameters) = (request!.Id, request.Parameters);
            }

            // Everything needed has been copied out of the body: its buffer goes back before the journal's commit wait.
            body.AdvanceTo(read.Buffer.End);
            consumed = true;
            var requestId = string.IsNullOrEmpty(id) ? Guid.CreateVersion7().ToString("N") : id;

            // Scored by the arm an open deployment routes to (else the alias's model) and logged (durably, when the project
            // asks for it) before the answer goes out: an answered prediction is never lost.
            OnlineScore score;
            try
            {
                score = await OnlineScoring.ScoreAndLogAsync(http.HttpContext.RequestServices.GetRequiredService<DeploymentRouting>(), model, version, parameters,
                    served, data, requestId, workspace.Config.Model.Entity, log, workspace.Time, started, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return Results.Json(new InferenceError(ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var servedVersion = score.ScoredBy.Version.Version.ToString(CultureInfo.InvariantCulture);
            var headers = http.HttpContext.Response.Headers;
            headers["x-model-version"] = servedVersion;
            headers["x-inference-ms"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
            DeploymentHeaders.Set(headers, score.Arm);
            return new InferenceResponseResult(model, servedVersion, requestId, score.Probabilities, score.Decisions);
        }
        finally
        {
            if (!consumed)
            {
                body.AdvanceTo(read.Buffer.End);
            }
        }
    }

    /// <summary>The served model's inputs, worked out once per loaded model rather than per request.</summary>
    private static IReadOnlyList<InputSpec> InputSpecs(ServedModel served) =>
        Specs.GetValue(served, static s => s.Engine.Signature.Inputs.Select(i => new InputSpec(i.Name, string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase), i.Required, i.DataKind == ColumnKind.Timestamp)).ToList());
}
