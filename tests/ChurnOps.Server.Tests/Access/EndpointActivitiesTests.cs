using ChurnOps.Server.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Access;

/// <summary>The route table of the running app against the activity table: no writing endpoint goes unclassified, and the matrix covers every one.</summary>
public sealed class EndpointActivitiesTests(AccessServerFixture server) : IClassFixture<AccessServerFixture>
{
    [Fact]
    public void RuleFor_EveryEndpointOfTheApp_NoWritingEndpointIsUnclassified()
    {
        var activities = server.App.Services.GetRequiredService<EndpointActivities>();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var unclassified = endpoints.Where(e => activities.RuleFor(e).Kind == EndpointRuleKind.Unclassified).SelectMany(EndpointActivities.Keys).ToList();

        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found");
        Assert.Empty(unclassified);
    }

    [Fact]
    public void Mutations_EveryTableEntry_IsARouteOfTheAppAndInTheMatrix()
    {
        var activities = server.App.Services.GetRequiredService<EndpointActivities>();
        var keys = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.SelectMany(EndpointActivities.Keys).ToHashSet(StringComparer.Ordinal);
        var covered = PermissionMatrixTests.Writes.Select(w => $"{w.Method} {Fold(w.Path)}").ToHashSet(StringComparer.Ordinal);

        Assert.All(activities.Mutations.Keys, key => Assert.Contains(key, keys));
        Assert.All(activities.Mutations.Keys, key => Assert.Contains(key, covered));
    }

    [Fact]
    public void RuleFor_ScoringAndSearches_AreReads()
    {
        var activities = server.App.Services.GetRequiredService<EndpointActivities>();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        foreach (var key in new[] { "POST /invocations", "POST /v2/models/{model}/infer", "POST /api/v1/predict/{model}", "POST mlflow:/runs/search", "POST mlflow:/experiments/search" })
        {
            var endpoint = endpoints.First(e => EndpointActivities.Keys(e).Contains(key));
            Assert.Equal(EndpointRuleKind.Read, activities.RuleFor(endpoint).Kind);
        }
    }

    // The matrix's concrete path back to the route pattern it exercises.
    private static string Fold(string path)
    {
        var bare = path.Split('?')[0];
        foreach (var (prefix, label) in new[] { ("/api/2.0/mlflow-artifacts", "mlflow-artifacts:"), ("/ajax-api/2.0/mlflow-artifacts", "mlflow-artifacts:"), ("/api/2.0/mlflow", "mlflow:"), ("/ajax-api/2.0/mlflow", "mlflow:") })
        {
            if (bare.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                bare = label + bare[prefix.Length..];
                break;
            }
        }

        return bare
            .Replace("mlflow-artifacts:/artifacts/424242/no-such-run/artifacts/notes.txt", "mlflow-artifacts:/artifacts/{**path}", StringComparison.Ordinal)
            .Replace("/logged-models/m-0000", "/logged-models/{model_id}", StringComparison.Ordinal)
            .Replace("/api/v1/deployments/424242/promote", "/api/v1/deployments/{id:long}/{action}", StringComparison.Ordinal)
            .Replace("/api/v1/deployments/424242/pause", "/api/v1/deployments/{id:long}/{action}", StringComparison.Ordinal)
            .Replace("/api/v1/deployments/424242/rollback", "/api/v1/deployments/{id:long}/{action}", StringComparison.Ordinal)
            .Replace("/api/v1/models/no-such-model/versions/1/approve", "/api/v1/models/{name}/versions/{version}/{decision}", StringComparison.Ordinal)
            .Replace("/api/v1/models/no-such-model/versions/1/reject", "/api/v1/models/{name}/versions/{version}/{decision}", StringComparison.Ordinal)
            .Replace("/api/v1/alerts/424242/ack", "/api/v1/alerts/{id:long}/{action}", StringComparison.Ordinal)
            .Replace("/api/v1/alerts/424242/resolve", "/api/v1/alerts/{id:long}/{action}", StringComparison.Ordinal);
    }
}
