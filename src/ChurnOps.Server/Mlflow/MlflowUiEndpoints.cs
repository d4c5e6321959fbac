using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Tracking;
using Microsoft.AspNetCore.Http.Features;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// What MLflow's own web UI calls besides the REST API: ajax-only experiments/search-datasets and upload-artifact, and the
/// root /get-artifact and /version routes. Shapes and limits follow mlflow/server/handlers.py.
/// </summary>
internal static class MlflowUiEndpoints
{
    /// <summary>The MLflow release whose REST API (logged models included) this server answers like.</summary>
    public const string CompatibleMlflowVersion = "3.1.0";

    private const int MaxDatasetSummaries = 1000;
    private const int MaxExperimentsPerDatasetSearch = 20;
    private const long MaxUploadBytes = 10L * 1024 * 1024;

    private static readonly HashSet<string> TextExtensions = new(StringComparer.Ordinal)
    {
        "txt", "log", "err", "cfg", "conf", "cnf", "cf", "ini", "properties", "prop", "hocon", "toml", "yaml", "yml", "xml",
        "json", "js", "py", "py3", "csv", "tsv", "md", "rst", "MLmodel", "MLproject",
    };

    public static void MapAjax(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/experiments/search-datasets", SearchDatasetsAsync);
        group.MapPost("/upload-artifact", (Delegate)UploadArtifactAsync);
    }

    public static void MapRoot(IEndpointRouteBuilder app)
    {
        app.MapGet("/get-artifact", (Delegate)GetArtifactAsync).ExcludeFromDescription();
        app.MapGet("/version", () => Results.Text(CompatibleMlflowVersion, "text/plain")).ExcludeFromDescription();
    }

    private static async Task<IResult> SearchDatasetsAsync(MlflowRequest request, HttpContext context)
    {
        var experimentIds = request.StringList("experiment_ids");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        if (experimentIds.Count == 0)
        {
            return MlflowErrors.Invalid("SearchDatasets request must specify at least one experiment_id.");
        }

        if (experimentIds.Count > MaxExperimentsPerDatasetSearch)
        {
            return MlflowErrors.Invalid($"SearchDatasets request cannot specify more than {MaxExperimentsPerDatasetSearch} experiment_ids. Received {experimentIds.Count} experiment_ids.");
        }

        var result = await MlflowRunEndpoints.Store(context).SearchDatasetsAsync(experimentIds, MaxDatasetSummaries, context.RequestAborted).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            return MlflowErrors.ToResult(error);
        }

        var summaries = result.Value!.Select(s =>
        {
            var json = new Dictionary<string, string> { ["experiment_id"] = s.ExperimentId, ["name"] = s.Name, ["digest"] = s.Digest };
            if (s.Context is not null)
            {
                json["context"] = s.Context;
            }

            return json;
        }).ToList();
        return MlflowJson.Ok(new { dataset_summaries = summaries });
    }

    private static async Task<IResult> UploadArtifactAsync(HttpContext context)
    {
        var runId = context.Request.Query["run_uuid"].ToString();
        var path = context.Request.Query["path"].ToString();
        if (runId.Length == 0)
        {
            return MlflowErrors.Invalid("Request must specify run_uuid.");
        }

        if (path.Length == 0)
        {
            return MlflowErrors.Invalid("Request must specify path.");
        }

        if (!ArtifactPath.TryNormalize(path, out var normalized, out var pathError) || normalized.Length == 0)
        {
            return MlflowErrors.Invalid(pathError ?? "Request must specify path.");
        }

        if (context.Request.ContentLength > MaxUploadBytes)
        {
            return MlflowErrors.Invalid("Artifact size is too large. Max size is 10MB.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }

        // The body is at most 10 MB (MLflow's limit), so it is read whole: an empty one is refused before anything is written.
        using var data = new MemoryStream();
        await context.Request.Body.CopyToAsync(data, context.RequestAborted).ConfigureAwait(false);
        if (data.Length == 0)
        {
            return MlflowErrors.Invalid("Request must specify data.");
        }

        var (storePath, error) = await RunArtifactPathAsync(context, runId, normalized).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var store = Artifacts(context);
        if (await MlflowArtifactEndpoints.FindConflictAsync(store, storePath!, context.RequestAborted).ConfigureAwait(false) is { } conflict)
        {
            return MlflowErrors.Invalid($"Cannot upload to artifact path '{normalized}': {conflict}");
        }

        data.Position = 0;
        await store.WriteAsync(storePath!, (target, ct) => data.CopyToAsync(target, ct), context.RequestAborted).ConfigureAwait(false);
        return MlflowJson.Empty();
    }

    private static async Task<IResult> GetArtifactAsync(HttpContext context)
    {
        var runId = context.Request.Query["run_id"].ToString();
        if (runId.Length == 0)
        {
            runId = context.Request.Query["run_uuid"].ToString();
        }

        var path = context.Request.Query["path"].ToString();
        if (runId.Length == 0)
        {
            return MlflowErrors.Invalid("Missing value for required parameter 'run_id'.");
        }

        if (!ArtifactPath.TryNormalize(path, out var normalized, out var pathError) || normalized.Length == 0)
        {
            return MlflowErrors.Invalid(pathError ?? "Missing value for required parameter 'path'.");
        }

        var (storePath, error) = await RunArtifactPathAsync(context, runId, normalized).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var stream = await Artifacts(context).OpenReadAsync(storePath!, context.RequestAborted).ConfigureAwait(false);
        if (stream is null)
        {
            return MlflowErrors.NotFound($"Artifact '{normalized}' of run {runId} does not exist.");
        }

        // As MLflow: always an attachment (never rendered on this origin), text types as text/plain.
        var name = normalized[(normalized.LastIndexOf('/') + 1)..];
        var extension = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;
        var contentType = TextExtensions.Contains(extension) ? "text/plain" : "application/octet-stream";
        return Results.Stream(stream, contentType, fileDownloadName: name);
    }

    /// <summary>The store path of a file under a run's artifact root, or MLflow's error when the run or its store is not here.</summary>
    private static async Task<(string? StorePath, IResult? Error)> RunArtifactPathAsync(HttpContext context, string runId, string normalized)
    {
        var run = await MlflowRunEndpoints.Store(context).GetRunAsync(runId, context.RequestAborted).ConfigureAwait(false);
        if (run.Error is { } error)
        {
            return (null, MlflowErrors.ToResult(error));
        }

        var root = TrackingArtifactUri.StorePath(run.Value!.Info.ArtifactUri);
        return root is null
            ? (null, MlflowErrors.Invalid($"Run {runId} keeps its artifacts at {run.Value.Info.ArtifactUri}, outside this server; use that store directly."))
            : (root + "/" + normalized, null);
    }

    private static IArtifactStore Artifacts(HttpContext context) => context.RequestServices.GetRequiredService<IArtifactStore>();
}
