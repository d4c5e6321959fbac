using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Access;

/// <summary>
/// The activity each HTTP endpoint performs, by method and route: every write of the native API, the MLflow API (both
/// prefixes) and the artifact proxy maps to one activity of the RACI. Searches sent as POST and scoring are reads.
/// A writing endpoint missing here is <see cref="EndpointRuleKind.Unclassified"/> and refused while access control is
/// on; a test over the app's endpoint list keeps this table complete.
/// </summary>
internal sealed class EndpointActivities(ProjectConfig config)
{
    private const int MaxPeekedBytes = 64 * 1024;
    private static readonly string[] MlflowPrefixes = ["/api/2.0/mlflow", "/ajax-api/2.0/mlflow"];
    private static readonly string[] ArtifactPrefixes = ["/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts"];

    private static readonly FrozenSet<string> OpenPaths = new[] { "/health", "/ping", "/metrics", "/v2/health/live", "/v2/health/ready" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Scoring and searches: POST, but they change nothing.
    private static readonly FrozenSet<string> WritingMethodReads = new[]
    {
        "POST /invocations", "POST /v2/models/{model}/infer", "POST /v2/models/{model}/versions/{version}/infer", "POST /api/v1/predict/{model}",
        "POST mlflow:/experiments/search", "POST mlflow:/runs/search", "POST mlflow:/logged-models/search",
        "POST mlflow:/registered-models/get-latest-versions", "POST mlflow:/experiments/search-datasets",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Endpoint, EndpointRule> _rules = new();
    private readonly FrozenDictionary<string, EndpointRule> _table = Table(config);

    /// <summary>The rule of <paramref name="endpoint"/> (null: no endpoint matched, a 404/405 to come, treated as a read).</summary>
    public EndpointRule RuleFor(Endpoint? endpoint) => endpoint is null ? EndpointRule.Read : _rules.GetOrAdd(endpoint, Classify);

    /// <summary>"POST mlflow:/runs/create" style keys of every mutation the table knows (for the tests' matrix).</summary>
    public IReadOnlyDictionary<string, EndpointRule> Mutations => _table;

    /// <summary>The key an endpoint is looked up by: method, then the route with the MLflow prefixes folded.</summary>
    public static IEnumerable<string> Keys(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route)
        {
            yield break;
        }

        var path = "/" + (route.RoutePattern.RawText ?? string.Empty).Trim('/');
        path = Fold(path, MlflowPrefixes, "mlflow:") ?? Fold(path, ArtifactPrefixes, "mlflow-artifacts:") ?? path;
        foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
        {
            yield return $"{method} {path}";
        }
    }

    private EndpointRule Classify(Endpoint endpoint)
    {
        if (endpoint is RouteEndpoint route && OpenPaths.Contains("/" + (route.RoutePattern.RawText ?? string.Empty).Trim('/')))
        {
            return EndpointRule.Open;
        }

        foreach (var key in Keys(endpoint))
        {
            if (_table.TryGetValue(key, out var rule))
            {
                return rule;
            }

            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || WritingMethodReads.Contains(key)))
            {
                return EndpointRule.Unclassified;
            }
        }

        return EndpointRule.Read;
    }

    private static string? Fold(string path, string[] prefixes, string label)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return label + path[prefix.Length..];
            }
        }

        return null;
    }

    private static FrozenDictionary<string, EndpointRule> Table(ProjectConfig config)
    {
        var train = EndpointRule.Mutation(Activities.Train);
        var register = EndpointRule.Mutation(Activities.Register);
        var delete = EndpointRule.Mutation(Activities.Delete);
        // Moving the serving alias is a deployment; any other alias is the registry's bookkeeping.
        var alias = EndpointRule.Depends(Activities.Deploy, async context =>
            (await FieldAsync(context, "alias").ConfigureAwait(false)) is { } a && !string.Equals(a, config.Serving.Alias, StringComparison.Ordinal) ? Activities.Register : Activities.Deploy);
        var stage = EndpointRule.Depends(Activities.Deploy, async context =>
            (await FieldAsync(context, "stage").ConfigureAwait(false)) is { } s && !s.Equals("Production", StringComparison.OrdinalIgnoreCase) ? Activities.Register : Activities.Deploy);
        var deploymentAction = EndpointRule.Depends(Activities.Deploy, context =>
            ValueTask.FromResult(string.Equals(context.Request.RouteValues["action"] as string, "rollback", StringComparison.OrdinalIgnoreCase) ? Activities.Rollback : Activities.Deploy));
        return new Dictionary<string, EndpointRule>(StringComparer.Ordinal)
        {
            ["POST /api/v1/deployments"] = EndpointRule.Mutation(Activities.Deploy),
            ["POST /api/v1/deployments/{id:long}/{action}"] = deploymentAction,
            // The dashboard's buttons: a model version's sign-off (approve or reject) and an alert's ack or resolve.
            ["POST /api/v1/models/{name}/versions/{version}/{decision}"] = EndpointRule.Mutation(Activities.Approve),
            ["POST /api/v1/alerts/{id:long}/{action}"] = EndpointRule.Mutation(Activities.AlertAck),
            ["POST mlflow:/experiments/create"] = train,
            ["POST mlflow:/experiments/update"] = train,
            ["POST mlflow:/experiments/delete"] = delete,
            ["POST mlflow:/experiments/restore"] = train,
            ["POST mlflow:/experiments/set-experiment-tag"] = train,
            ["POST mlflow:/experiments/delete-experiment-tag"] = train,
            ["POST mlflow:/runs/create"] = train,
            ["POST mlflow:/runs/update"] = train,
            ["POST mlflow:/runs/delete"] = train,
            ["POST mlflow:/runs/restore"] = train,
            ["POST mlflow:/runs/log-metric"] = train,
            ["POST mlflow:/runs/log-parameter"] = train,
            ["POST mlflow:/runs/log-batch"] = train,
            ["POST mlflow:/runs/set-tag"] = train,
            ["POST mlflow:/runs/delete-tag"] = train,
            ["POST mlflow:/runs/log-inputs"] = train,
            ["POST mlflow:/logged-models"] = train,
            ["PATCH mlflow:/logged-models/{model_id}"] = train,
            ["POST mlflow:/upload-artifact"] = train,
            ["PUT mlflow-artifacts:/artifacts/{**path}"] = train,
            ["DELETE mlflow-artifacts:/artifacts/{**path}"] = train,
            ["POST mlflow:/registered-models/create"] = register,
            ["POST mlflow:/registered-models/rename"] = register,
            ["PATCH mlflow:/registered-models/update"] = register,
            ["DELETE mlflow:/registered-models/delete"] = delete,
            ["POST mlflow:/registered-models/set-tag"] = register,
            ["DELETE mlflow:/registered-models/delete-tag"] = register,
            ["POST mlflow:/registered-models/alias"] = alias,
            ["DELETE mlflow:/registered-models/alias"] = alias,
            ["POST mlflow:/model-versions/create"] = register,
            ["PATCH mlflow:/model-versions/update"] = register,
            ["DELETE mlflow:/model-versions/delete"] = delete,
            ["POST mlflow:/model-versions/transition-stage"] = stage,
            ["POST mlflow:/model-versions/set-tag"] = register,
            ["DELETE mlflow:/model-versions/delete-tag"] = register,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// A string field of the request as MLflow's handlers read it (query string, else the JSON body), leaving the body
    /// for the handler; null when absent or unreadable (the caller then applies the stricter activity).
    /// </summary>
    private static async Task<string?> FieldAsync(HttpContext context, string name)
    {
        if (context.Request.Query.TryGetValue(name, out var fromQuery) && fromQuery.Count > 0)
        {
            return fromQuery[0];
        }

        if (context.Request.ContentLength is null or 0 or > MaxPeekedBytes)
        {
            return null;
        }

        context.Request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
