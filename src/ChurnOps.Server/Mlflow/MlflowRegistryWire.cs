using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// MLflow's RegisteredModel and ModelVersion messages (versions as strings, timestamps in ms, aliases on both), the
/// request fields the registry handlers share, and where a version's files can be downloaded from.
/// </summary>
internal static class MlflowRegistryWire
{
    /// <summary>A read-only tag carrying ChurnOps' approval status, so MLflow clients and its UI see it.</summary>
    public const string ApprovalStatusTag = "churnops.approval_status";

    public static object Version(ModelVersion version, IReadOnlyDictionary<string, int> aliases) => new
    {
        name = version.ModelName,
        version = version.Version.ToString(CultureInfo.InvariantCulture),
        creation_timestamp = version.CreatedAt.ToUnixTimeMilliseconds(),
        last_updated_timestamp = version.UpdatedAt.ToUnixTimeMilliseconds(),
        user_id = version.CreatedBy,
        current_stage = RegistryNames.Stage(version.Stage),
        description = version.Description,
        source = Source(version),
        run_id = version.RunId,
        status = "READY",
        tags = version.Tags
            .Where(t => t.Key != ApprovalStatusTag)
            .Select(t => new { key = t.Key, value = t.Value })
            .Append(new { key = ApprovalStatusTag, value = RegistryNames.Status(version.Status) })
            .ToList(),
        run_link = version.RunLink,
        aliases = aliases.Where(a => a.Value == version.Version).Select(a => a.Key).ToList(),
    };

    public static object Model(RegisteredModel model, IReadOnlyList<ModelVersion> versions, IReadOnlyDictionary<string, int> aliases) => new
    {
        name = model.Name,
        creation_timestamp = model.CreatedAt.ToUnixTimeMilliseconds(),
        last_updated_timestamp = model.UpdatedAt.ToUnixTimeMilliseconds(),
        description = model.Description,
        latest_versions = Latest(versions, []).Select(v => Version(v, aliases)).ToList(),
        tags = model.Tags.Select(t => new { key = t.Key, value = t.Value }).ToList(),
        aliases = aliases.Select(a => new { alias = a.Key, version = a.Value.ToString(CultureInfo.InvariantCulture) }).ToList(),
    };

    /// <summary>The newest version in each stage (every stage when <paramref name="stages"/> is empty), in stage order.</summary>
    public static IReadOnlyList<ModelVersion> Latest(IReadOnlyList<ModelVersion> versions, IReadOnlyList<ModelStage> stages) =>
        versions
            .Where(v => stages.Count == 0 || stages.Contains(v.Stage))
            .GroupBy(v => v.Stage)
            .Select(g => g.MaxBy(v => v.Version)!)
            .OrderBy(v => v.Stage)
            .ToList();

    /// <summary>The source MLflow shows: what the client sent, or for ChurnOps' own versions the run's model folder.</summary>
    public static string Source(ModelVersion version) => version.Source ?? $"runs:/{version.RunId}/model";

    /// <summary>The required model name; its absence or emptiness is added to the request's errors.</summary>
    public static string Name(MlflowRequest request, string field = "name") => request.RequiredString(field) ?? string.Empty;

    /// <summary>The version as MLflow clients send it (a string, or a number): a positive whole number, or an error.</summary>
    public static int Number(MlflowRequest request)
    {
        if (!request.Has("version"))
        {
            request.Errors.Add("Missing value for required parameter 'version'.");
            return 0;
        }

        var value = request.Long("version");
        if (value is null)
        {
            return 0;
        }

        if (value is < 1 or > int.MaxValue)
        {
            request.Errors.Add($"Invalid value {value} for parameter 'version' supplied: a model version is a positive whole number.");
            return 0;
        }

        return (int)value.Value;
    }

    /// <summary>
    /// Where a version's files are: for ChurnOps' own versions the run's model folder behind the artifact proxy; for a
    /// client's, its source with runs:/ and models:/ resolved (a run's artifact root, a logged model's, another version's).
    /// </summary>
    public static async Task<RegistryResult<string>> DownloadUriAsync(ModelVersion version, HttpContext context, int depth = 0)
    {
        if (version.Source is null)
        {
            var folder = version.ArtifactPath.Contains('/', StringComparison.Ordinal) ? version.ArtifactPath[..version.ArtifactPath.LastIndexOf('/')] : version.ArtifactPath;
            return folder.StartsWith(TrackingArtifactUri.StorePrefix + "/", StringComparison.Ordinal)
                ? TrackingArtifactUri.Scheme + "/" + folder[(TrackingArtifactUri.StorePrefix.Length + 1)..]
                : folder;
        }

        var source = version.Source;
        if (source.StartsWith("runs:/", StringComparison.Ordinal))
        {
            var rest = source["runs:/".Length..].TrimStart('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var runId = slash < 0 ? rest : rest[..slash];
            var run = await context.RequestServices.GetRequiredService<IRunStore>().GetRunAsync(runId, context.RequestAborted).ConfigureAwait(false);
            return run.Value is { } found
                ? found.Info.ArtifactUri.TrimEnd('/') + (slash < 0 ? string.Empty : "/" + rest[(slash + 1)..].Trim('/'))
                : RegistryError.NotFound($"Run '{runId}' named by source '{source}' not found.");
        }

        if (ModelUri.IsModelUri(source))
        {
            var target = source[ModelUri.Scheme.Length..].Trim('/');
            if (target.StartsWith("m-", StringComparison.Ordinal) && !target.Contains('/', StringComparison.Ordinal) && !target.Contains('@', StringComparison.Ordinal))
            {
                // MLflow 3 registers a logged model by its id: models:/m-<id>.
                var logged = await context.RequestServices.GetRequiredService<ILoggedModelStore>().GetAsync(target, context.RequestAborted).ConfigureAwait(false);
                return logged.Value is { } model ? model.ArtifactUri : RegistryError.NotFound($"Logged model '{target}' named by source '{source}' not found.");
            }

            var (uri, error) = ModelUri.Parse(source);
            if (uri is null)
            {
                return RegistryError.Invalid(error!);
            }

            if (depth > 4)
            {
                return RegistryError.Invalid($"source '{source}' refers to models:/ URIs more than 4 deep.");
            }

            var resolved = await context.RequestServices.GetRequiredService<ModelLifecycle>().ResolveAsync(uri, context.RequestAborted).ConfigureAwait(false);
            return resolved.Value is { } other ? await DownloadUriAsync(other, context, depth + 1).ConfigureAwait(false) : resolved.Error!;
        }

        return source;
    }
}
