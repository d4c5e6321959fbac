using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// MLflow's registered-models API over the ChurnOps registry: create, get, rename, update, delete, search (MLflow's
/// filter subset and order_by), get-latest-versions, tags and aliases. Setting the serving alias goes through the
/// approval rule and answers 403 PERMISSION_DENIED for a version nobody accountable signed off.
/// </summary>
internal static class MlflowRegisteredModelEndpoints
{
    private const int DefaultSearchResults = 100;
    private const int MaxNameLength = 256;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMlflow("POST", "/registered-models/create", CreateAsync);
        group.MapMlflow("GET", "/registered-models/get", GetAsync);
        group.MapMlflow("POST", "/registered-models/rename", RenameAsync);
        group.MapMlflow("PATCH", "/registered-models/update", UpdateAsync);
        group.MapMlflow("DELETE", "/registered-models/delete", DeleteAsync);
        group.MapMlflow("GET", "/registered-models/search", SearchAsync);
        group.MapMlflow("POST", "/registered-models/get-latest-versions", LatestAsync);
        group.MapMlflow("GET", "/registered-models/get-latest-versions", LatestAsync);
        group.MapMlflow("POST", "/registered-models/set-tag", SetTagAsync);
        group.MapMlflow("DELETE", "/registered-models/delete-tag", DeleteTagAsync);
        group.MapMlflow("POST", "/registered-models/alias", SetAliasAsync);
        group.MapMlflow("DELETE", "/registered-models/alias", DeleteAliasAsync);
        group.MapMlflow("GET", "/registered-models/alias", GetAliasAsync);
    }

    private static ModelLifecycle Lifecycle(HttpContext context) => context.RequestServices.GetRequiredService<ModelLifecycle>();

    /// <summary>Null when <paramref name="name"/> can name a registered model; otherwise why not.</summary>
    public static string? NameError(string name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return $"Registered model {field} cannot be empty.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"Registered model {field} is longer than {MaxNameLength} characters.";
        }

        return name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl)
            ? $"Registered model {field} '{name}' may not contain '/' or control characters."
            : null;
    }

    private static async Task<IResult> CreateAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var tags = request.Tags("tags");
        var description = request.String("description");
        if (request.Errors.Count == 0 && NameError(name) is { } nameError)
        {
            request.Errors.Add(nameError);
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var created = await Lifecycle(context).Registry.CreateModelAsync(
            new NewRegisteredModel(name, description, tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal), null),
            context.RequestAborted).ConfigureAwait(false);
        return await RespondAsync(created, context).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var model = await Lifecycle(context).Registry.GetModelAsync(name, context.RequestAborted).ConfigureAwait(false);
        return await RespondAsync(model is null ? RegistryError.ModelNotFound(name) : model, context).ConfigureAwait(false);
    }

    private static async Task<IResult> RenameAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var newName = MlflowRegistryWire.Name(request, "new_name");
        if (request.Errors.Count == 0 && NameError(newName, "new_name") is { } nameError)
        {
            request.Errors.Add(nameError);
        }

        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        return await RespondAsync(await Lifecycle(context).RenameModelAsync(name, newName, context.RequestAborted).ConfigureAwait(false), context).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var description = request.String("description");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        return await RespondAsync(await Lifecycle(context).Registry.UpdateModelAsync(name, description, context.RequestAborted).ConfigureAwait(false), context).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var deleted = await Lifecycle(context).DeleteModelAsync(name, context.RequestAborted).ConfigureAwait(false);
        return deleted.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> SearchAsync(MlflowRequest request, HttpContext context)
    {
        var max = request.Long("max_results") ?? DefaultSearchResults;
        if (max is < 1 or > RegistryQuery.MaxPageSize)
        {
            request.Errors.Add($"Invalid value for request parameter max_results. It must be at most {RegistryQuery.MaxPageSize}, but got value {max}");
        }

        var query = ReadQuery(request, versions: false, (int)Math.Clamp(max, 1, RegistryQuery.MaxPageSize));
        if (query is null)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var registry = Lifecycle(context).Registry;
        var page = await registry.SearchModelsAsync(query, context.RequestAborted).ConfigureAwait(false);
        var models = new List<object>(page.Items.Count);
        foreach (var model in page.Items)
        {
            models.Add(await WireAsync(model, registry, context.RequestAborted).ConfigureAwait(false));
        }

        return MlflowJson.Ok(new { registered_models = models, next_page_token = page.NextPageToken });
    }

    /// <summary>The parsed filter, order_by and page_token of a search, or null with the errors in the request.</summary>
    public static RegistryQuery? ReadQuery(MlflowRequest request, bool versions, int max)
    {
        var (filter, filterError) = RegistryFilter.Parse(request.String("filter"), versions);
        var (order, orderError) = RegistryFilter.ParseOrder(request.StringList("order_by"), versions);
        foreach (var error in new[] { filterError, orderError })
        {
            if (error is not null)
            {
                request.Errors.Add(error);
            }
        }

        if (!PageToken.TryDecode(request.String("page_token"), out var offset, out var tokenError))
        {
            request.Errors.Add(tokenError!);
        }

        return request.Errors.Count > 0 ? null : new RegistryQuery(filter!, order!, max, offset);
    }

    private static async Task<IResult> LatestAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var stages = new List<ModelStage>();
        foreach (var text in request.StringList("stages"))
        {
            if (RegistryNames.TryParseStage(text, out var stage))
            {
                stages.Add(stage);
            }
            else
            {
                request.Errors.Add($"Invalid Model Version stage: {text}. Value must be one of None, Staging, Production, Archived.");
            }
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

        var versions = await registry.ListVersionsAsync(name, context.RequestAborted).ConfigureAwait(false);
        var aliases = await registry.GetAliasesAsync(name, context.RequestAborted).ConfigureAwait(false);
        return MlflowJson.Ok(new { model_versions = MlflowRegistryWire.Latest(versions, stages).Select(v => MlflowRegistryWire.Version(v, aliases)).ToList() });
    }

    private static async Task<IResult> SetTagAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var key = request.RequiredString("key");
        var value = request.String("value") ?? string.Empty;
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var set = await Lifecycle(context).Registry.SetModelTagAsync(name, key!, value, context.RequestAborted).ConfigureAwait(false);
        return set.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> DeleteTagAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var key = request.RequiredString("key");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var registry = Lifecycle(context).Registry;
        var model = await registry.GetModelAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (model is null)
        {
            return MlflowRegistryErrors.ToResult(RegistryError.ModelNotFound(name));
        }

        if (!model.Tags.ContainsKey(key!))
        {
            return MlflowErrors.NotFound($"No tag with name: {key} in registered model: {name}");
        }

        var deleted = await registry.DeleteModelTagAsync(name, key!, context.RequestAborted).ConfigureAwait(false);
        return deleted.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> SetAliasAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var alias = request.RequiredString("alias");
        var version = MlflowRegistryWire.Number(request);
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var set = await Lifecycle(context).SetAliasAsync(name, alias!, version, context.RequestAborted).ConfigureAwait(false);
        return set.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> DeleteAliasAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var alias = request.RequiredString("alias");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var deleted = await Lifecycle(context).DeleteAliasAsync(name, alias!, context.RequestAborted).ConfigureAwait(false);
        return deleted.Error is { } error ? MlflowRegistryErrors.ToResult(error) : MlflowJson.Empty();
    }

    private static async Task<IResult> GetAliasAsync(MlflowRequest request, HttpContext context)
    {
        var name = MlflowRegistryWire.Name(request);
        var alias = request.RequiredString("alias");
        if (request.Errors.Count > 0)
        {
            return MlflowErrors.Invalid(request.Errors);
        }

        var lifecycle = Lifecycle(context);
        var found = await lifecycle.ResolveAsync(new ModelUri(name, null, alias, null, false), context.RequestAborted).ConfigureAwait(false);
        if (found.Error is { } error)
        {
            return MlflowRegistryErrors.ToResult(error);
        }

        var aliases = await lifecycle.Registry.GetAliasesAsync(name, context.RequestAborted).ConfigureAwait(false);
        return MlflowJson.Ok(new { model_version = MlflowRegistryWire.Version(found.Value!, aliases) });
    }

    private static async Task<IResult> RespondAsync(RegistryResult<RegisteredModel> result, HttpContext context)
    {
        if (result.Error is { } error)
        {
            return MlflowRegistryErrors.ToResult(error);
        }

        return MlflowJson.Ok(new { registered_model = await WireAsync(result.Value!, Lifecycle(context).Registry, context.RequestAborted).ConfigureAwait(false) });
    }

    private static async Task<object> WireAsync(RegisteredModel model, IModelRegistry registry, CancellationToken ct)
    {
        var versions = await registry.ListVersionsAsync(model.Name, ct).ConfigureAwait(false);
        var aliases = await registry.GetAliasesAsync(model.Name, ct).ConfigureAwait(false);
        return MlflowRegistryWire.Model(model, versions, aliases);
    }
}
