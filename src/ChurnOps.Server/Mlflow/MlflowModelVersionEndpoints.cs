using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// MLflow's model-versions API over the ChurnOps registry: create (a source and an optional run), get, update, delete,
/// search, transition-stage, get-download-uri and tags. A version an MLflow client creates starts pending approval like
/// any other; transition to Production needs the accountable team's sign-off (403 PERMISSION_DENIED otherwise).
/// </summary>
internal static class MlflowModelVersionEndpoints
{
    // MLflow's client pages versions 10,000 at a time and its server accepts up to 200,000.
    private const int DefaultSearchResults = 10_000;
    private const int MaxSearchResults = 200_000;
    private const int MaxSourceLength = 4_000;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/model-versions/create", CreateAsync);
        group.MapMlflow("GET", "/model-versions/get", GetAsync);
        group.MapMlflow("PATCH", "/model-versions/update", UpdateAsync);
        group.MapMlflow("DELETE", "/model-versions/delete", DeleteAsync);
        group.MapMlflow("GET", "/model-versions/search", SearchAsync);
        group.MapMlflow("POST", "/model-versions/transition-stage", TransitionAsync);
        group.MapMlflow("GET", "/model-versions/get-download-uri", DownloadUriAsync);
        group.MapMlflow("POST", "/model-versions/set-tag", SetTagAsync);
        group.MapMlflow("DELETE", "/model-versions/delete-tag", DeleteTagAsync);
    }

    private static ModelLifecycle Lifecycle(HttpContext context) => context.RequestServices.GetRequiredService<ModelLifecycle>();

    private static async Task<IResult> CreateAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var source = request.RequiredString("source");
        var runId = request.String("run_id");
        var tags = request.Tags("tags");
        var description = request.String("description");
        var runLink = request.String("run_link");
        if (source is { } given && SourceError(given) is { } sourceError)
        {
            request.Errors.Add(sourceError);
        }

        if (tags.Any(t => t.Key == MlflowRegistryWire.ApprovalStatusTag))
        {
            request.Errors.Add(ApprovalTagError);
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var registry = Lifecycle(context).Registry;
        if (await registry.GetModelAsync(name, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return MlflowRegistryErrors.ToResult(RegistryError.ModelNotFound(name));
        }

        // The run's metrics are the gate evidence an approver sees for a version trained outside ChurnOps.
        Run? run = null;
        if (!string.IsNullOrEmpty(runId))
        {
            var found = await context.RequestServices.GetRequiredService<IRunStore>().GetRunAsync(runId, context.RequestAborted).ConfigureAwait(false);
            if (found.Value is null)
            {
                return MlflowErrors.NotFound($"Run with id={runId} not found");
            }

            run = found.Value;
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in run?.Data.Metrics ?? [])
        {
            metrics[metric.Key] = metric.Value;
        }

        var version = await registry.RegisterAsync(
            new NewModelVersion(
                name,
                runId ?? string.Empty,
                source!,
                "mlflow",
                metrics,
                new ModelLineage(null, new Dictionary<string, string>(), null, null, 0, null, null) { SourceRunId = runId, TrainingSource = source },
                // An authenticated caller registers as itself (four-eyes compares this with the approver), not as the run's user tag.
                ChurnOps.Core.Access.ActorClaims.ProvenFromPrincipal(context.User)?.Name ?? (string.IsNullOrEmpty(run?.Info.UserId) ? "mlflow-client" : run.Info.UserId),
                description)
            {
                Source = source,
                Tags = tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
                RunLink = runLink,
            },
            context.RequestAborted).ConfigureAwait(false);
        return await RespondAsync(version, context).ConfigureAwait(false);
    }

    /// <summary>Null when <paramref name="source"/> may be registered; a path that climbs out with '..' never may.</summary>
    public static string? SourceError(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return "Missing value for required parameter 'source'.";
        }

        if (source.Length > MaxSourceLength)
        {
            return $"Invalid model version source: longer than {MaxSourceLength} characters.";
        }

        var decoded = Uri.UnescapeDataString(source);
        var segments = decoded.Split('/', '\\');
        return segments.Any(s => s == "..")
            ? $"Invalid model version source: '{(source.Length > 200 ? source[..200] + "…" : source)}'. A source may not contain '..' path segments."
            : null;
    }

    private static async Task<IResult> GetAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var found = await Lifecycle(context).ResolveAsync(new ModelUri(name, version, null, null, false), context.RequestAborted).ConfigureAwait(false);
        return await RespondAsync(found, context).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        var description = request.String("description");
        if (invalid is not null || request.Errors.Count > 0)
        {
            return invalid ?? MlflowErrors.Invalid(request.Errors);
        }

        return await RespondAsync(await Lifecycle(context).Registry.UpdateVersionAsync(name, version, description, context.RequestAborted).ConfigureAwait(false), context).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var deleted = await Lifecycle(context).DeleteVersionAsync(name, version, context.RequestAborted).ConfigureAwait(false);
        return deleted.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> SearchAsync(MlflowRequest request, HttpContext context)
    {
        var max = request.Long("max_results") ?? DefaultSearchResults;
        if (max is < 1 or > MaxSearchResults)
        {
            request.Errors.Add($"Invalid value for request parameter max_results. It must be at most {MaxSearchResults}, but got value {max}");
        }

        var query = MlflowRegisteredModelEndpoints.ReadQuery(request, versions: true, (int)Math.Clamp(max, 1, MaxSearchResults));
        if (query is null)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var registry = Lifecycle(context).Registry;
        var page = await registry.SearchVersionsAsync(query, context.RequestAborted).ConfigureAwait(false);
        var aliases = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var versions = new List<object>(page.Items.Count);
        foreach (var version in page.Items)
        {
            if (!aliases.TryGetValue(version.ModelName, out var modelAliases))
            {
                aliases[version.ModelName] = modelAliases = await registry.GetAliasesAsync(version.ModelName, context.RequestAborted).ConfigureAwait(false);
            }

            versions.Add(MlflowRegistryWire.Version(version, modelAliases));
        }

        return MlflowJson.Ok(new { model_versions = versions, next_page_token = page.NextPageToken });
    }

    private static async Task<IResult> TransitionAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        var stageText = request.RequiredString("stage");
        var archive = request.Bool("archive_existing_versions") ?? false;
        if (invalid is not null)
        {
            return invalid;
        }

        if (!RegistryNames.TryParseStage(stageText, out var stage))
        {
            request.Errors.Add($"Invalid Model Version stage: {stageText}. Value must be one of None, Staging, Production, Archived.");
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var moved = await Lifecycle(context).TransitionStageAsync(name, version, stage, archive, context.RequestAborted).ConfigureAwait(false);
        return await RespondAsync(moved, context).ConfigureAwait(false);
    }

    private static async Task<IResult> DownloadUriAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var found = await Lifecycle(context).ResolveAsync(new ModelUri(name, version, null, null, false), context.RequestAborted).ConfigureAwait(false);
        if (found.Error is { } error)
        {
            return MlflowRegistryErrors.ToResult(error);
        }

        var uri = await MlflowRegistryWire.DownloadUriAsync(found.Value!, context).ConfigureAwait(false);
        return uri.Error is { } uriError ? MlflowRegistryErrors.ToResult(uriError) : MlflowJson.Ok(new { artifact_uri = uri.Value });
    }

    private static async Task<IResult> SetTagAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        var key = request.RequiredString("key");
        var value = request.String("value") ?? string.Empty;
        if (key == MlflowRegistryWire.ApprovalStatusTag)
        {
            request.Errors.Add(ApprovalTagError);
        }

        if (invalid is not null || request.Errors.Count > 0)
        {
            return invalid ?? MlflowErrors.Invalid(request.Errors);
        }

        var set = await Lifecycle(context).Registry.SetVersionTagAsync(name, version, key!, value, context.RequestAborted).ConfigureAwait(false);
        return set.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> DeleteTagAsync(MlflowRequest request, HttpContext context)
    {
        var (name, version, invalid) = Read(request);
        var key = request.RequiredString("key");
        if (invalid is not null || request.Errors.Count > 0)
        {
            return invalid ?? MlflowErrors.Invalid(request.Errors);
        }

        var registry = Lifecycle(context).Registry;
        var found = await registry.GetAsync(name, version, context.RequestAborted).ConfigureAwait(false);
        if (found is null)
        {
            return MlflowRegistryErrors.ToResult(RegistryError.VersionNotFound(name, version));
        }

        if (!found.Tags.ContainsKey(key!))
        {
            return MlflowErrors.NotFound($"No tag with name: {key} for model {name} version {version}");
        }

        var deleted = await registry.DeleteVersionTagAsync(name, version, key!, context.RequestAborted).ConfigureAwait(false);
        return deleted.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private const string ApprovalTagError = "Tag 'churnops.approval_status' is set by approvals (churnops models approve/reject), not by clients.";

    private static (string Name, int Version, IResult? Invalid) Read(MlflowRequest request)
    {
        var name = MlflowRegistryWire.Name(request);
        var version = MlflowRegistryWire.Number(request);
        return (name, version, request.Errors.Count > 0 ? MlflowErrors.Invalid(request.Errors) : null);
    }

    private static async Task<IResult> RespondAsync(RegistryResult<ModelVersion> result, HttpContext context)
    {
        if (result.Error is { } error)
        {
            return MlflowRegistryErrors.ToResult(error);
        }

        var aliases = await Lifecycle(context).Registry.GetAliasesAsync(result.Value!.ModelName, context.RequestAborted).ConfigureAwait(false);
        return MlflowJson.Ok(new { model_version = MlflowRegistryWire.Version(result.Value, aliases) });
    }
}
