using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Tracking;
using Microsoft.AspNetCore.Http.Features;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// artifacts/list for a run, and the mlflow-artifacts proxy (upload, download, list, delete) MLflow clients use when a run's
/// artifact URI is mlflow-artifacts:/…. Every path is normalised first; "..", absolute paths and NULs are refused.
/// </summary>
internal static class MlflowArtifactEndpoints
{
    /// <summary>Uploads may be model files far larger than an API request; the artifact store streams them to disk.</summary>
    private const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;

    public static void MapRunArtifacts(IEndpointRouteBuilder group) => group.MapMlflow("GET", "/artifacts/list", ListRunArtifactsAsync);

    public static void MapProxy(IEndpointRouteBuilder group)
    {
        group.MapGet("/artifacts/{**path}", DownloadAsync);
        group.MapPut("/artifacts/{**path}", UploadAsync);
        group.MapDelete("/artifacts/{**path}", DeleteAsync);
        group.MapGet("/artifacts", (Delegate)ListAsync);
    }

    private static IArtifactStore Artifacts(HttpContext context) => context.RequestServices.GetRequiredService<IArtifactStore>();

    private static async Task<IResult> ListRunArtifactsAsync(MlflowRequest request, HttpContext context)
    {
        var runId = request.RunId();
        var path = request.String("path") ?? string.Empty;
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        if (!ArtifactPath.TryNormalize(path, out var normalized, out var pathError))
        {
            return MlflowErrors.Invalid(pathError!);
        }

        var run = await MlflowRunEndpoints.Store(context).GetRunAsync(runId!, context.RequestAborted).ConfigureAwait(false);
        if (run.Error is { } error)
        {
            return MlflowErrors.ToResult(error);
        }

        var rootUri = run.Value!.Info.ArtifactUri;
        var root = TrackingArtifactUri.StorePath(rootUri);
        if (root is null)
        {
            // Artifacts kept elsewhere (s3://…) are not ours to list; MLflow clients go to that store directly.
            return MlflowJson.Ok(new { root_uri = rootUri, files = Array.Empty<MlflowFileInfoJson>() });
        }

        var entries = await Artifacts(context).ListAsync(normalized.Length == 0 ? root : root + "/" + normalized, context.RequestAborted).ConfigureAwait(false);
        var files = entries.Select(e => new MlflowFileInfoJson(e.Path[(root.Length + 1)..], e.IsDirectory, e.IsDirectory ? null : e.SizeBytes)).ToList();
        return MlflowJson.Ok(new { root_uri = rootUri, files });
    }

    private static async Task<IResult> DownloadAsync(string path, HttpContext context)
    {
        if (!TryStorePath(path, out var storePath, out var error))
        {
            return MlflowErrors.Invalid(error!);
        }

        var stream = await Artifacts(context).OpenReadAsync(storePath, context.RequestAborted).ConfigureAwait(false);
        return stream is null
            ? MlflowErrors.NotFound($"Artifact '{path}' does not exist.")
            : Results.Stream(stream, "application/octet-stream", enableRangeProcessing: true);
    }

    private static async Task<IResult> UploadAsync(string path, HttpContext context)
    {
        if (!TryStorePath(path, out var storePath, out var error))
        {
            return MlflowErrors.Invalid(error!);
        }

        if (await RegisteredArtifactGuard.FindOwnerAsync(context, storePath, context.RequestAborted).ConfigureAwait(false) is { } owned)
        {
            return MlflowErrors.PermissionDenied(owned);
        }

        if (await FindConflictAsync(Artifacts(context), storePath, context.RequestAborted).ConfigureAwait(false) is { } conflict)
        {
            return MlflowErrors.Invalid($"Cannot upload to artifact path '{Uri.UnescapeDataString(path)}': {conflict}");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }

        // The store writes to a temp file and renames, so a broken upload never leaves a half artifact.
        await Artifacts(context).WriteAsync(storePath, (target, ct) => context.Request.Body.CopyToAsync(target, ct), context.RequestAborted).ConfigureAwait(false);
        return MlflowJson.Empty();
    }

    /// <summary>MLflow's DeleteArtifact: a file or a whole folder; deleting what is not there is not an error, as in MLflow.</summary>
    private static async Task<IResult> DeleteAsync(string path, HttpContext context)
    {
        if (!TryStorePath(path, out var storePath, out var error))
        {
            return MlflowErrors.Invalid(error!);
        }

        if (await RegisteredArtifactGuard.FindOwnerAsync(context, storePath, context.RequestAborted).ConfigureAwait(false) is { } owned)
        {
            return MlflowErrors.PermissionDenied(owned);
        }

        try
        {
            await Artifacts(context).DeleteAsync(storePath, context.RequestAborted).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            // The store's own message names its .NET type; say it in the protocol's words.
            return MlflowErrors.NotImplemented("This server's artifact store cannot delete artifacts.");
        }

        return MlflowJson.Empty();
    }

    private static async Task<IResult> ListAsync(HttpContext context)
    {
        var path = context.Request.Query["path"].ToString();
        if (!ArtifactPath.TryNormalize(path, out var normalized, out var error))
        {
            return MlflowErrors.Invalid(error!);
        }

        var entries = await Artifacts(context).ListAsync(TrackingArtifactUri.ProxyStorePath(normalized), context.RequestAborted).ConfigureAwait(false);
        // Like MLflow's proxy, names are relative to the listed folder.
        var files = entries.Select(e => new MlflowFileInfoJson(e.Path[(e.Path.LastIndexOf('/') + 1)..], e.IsDirectory, e.IsDirectory ? null : e.SizeBytes)).ToList();
        return MlflowJson.Ok(new { files });
    }

    /// <summary>
    /// Why a file cannot be written at <paramref name="storePath"/>: a folder already there, or a file where one of its
    /// folders would be. A file is replaced, as in MLflow; null when nothing is in the way.
    /// </summary>
    internal static async Task<string?> FindConflictAsync(IArtifactStore store, string storePath, CancellationToken cancellationToken)
    {
        var slash = storePath.LastIndexOf('/');
        var parent = slash < 0 ? string.Empty : storePath[..slash];
        var siblings = await store.ListAsync(parent, cancellationToken).ConfigureAwait(false);
        if (siblings.Any(e => e.IsDirectory && e.Path == storePath))
        {
            return "a folder of artifacts already exists there; upload files into it, or delete it first.";
        }

        for (var end = storePath.IndexOf('/'); end > 0; end = storePath.IndexOf('/', end + 1))
        {
            if (await store.ExistsAsync(storePath[..end], cancellationToken).ConfigureAwait(false))
            {
                return "a file exists where one of its folders would be.";
            }
        }

        return null;
    }

    private static bool TryStorePath(string? path, out string storePath, out string? error)
    {
        storePath = string.Empty;
        var decoded = Uri.UnescapeDataString(path ?? string.Empty);
        if (!ArtifactPath.TryNormalize(decoded, out var normalized, out error))
        {
            return false;
        }

        if (normalized.Length == 0)
        {
            error = "Artifact path is required.";
            return false;
        }

        storePath = TrackingArtifactUri.ProxyStorePath(normalized);
        return true;
    }
}
