using System.Text.Json;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using Microsoft.AspNetCore.Mvc;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Deployments over HTTP (/api/v1/deployments): start a canary, list, show with history, promote, pause, resume, roll back;
/// and the services that route traffic between the arms and judge each step. Refusals are ProblemDetails: 400 bad input,
/// 404 unknown model, version or deployment, 409 when the state forbids it; nothing is changed by a refused request.
/// </summary>
internal static class DeploymentEndpoints
{
    public static IServiceCollection AddDeployments(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        var settings = workspace.Config.Deployments;
        services.AddSingleton(sp => new ServingRouter(workspace.Time, workspace.Config.Model.Seed));
        services.AddSingleton<IServingRouter>(sp => sp.GetRequiredService<ServingRouter>());
        services.AddSingleton(sp => new DeploymentRouting(sp.GetRequiredService<IServingRouter>(), sp.GetRequiredService<ServedModelCache>(), sp.GetRequiredService<ShadowMirror>()));
        services.AddSingleton(sp => new ShadowMirror(sp.GetRequiredService<ServedModelCache>(), settings.ShadowQueue));
        services.AddHostedService(sp => sp.GetRequiredService<ShadowMirror>());
        services.AddSingleton(sp => new CanaryJudge(
            sp.GetRequiredService<DeploymentService>(),
            sp.GetRequiredService<IAlertStore>(),
            workspace.Config,
            workspace.Time,
            new LogAlertSink(sp.GetRequiredService<ILogger<LogAlertSink>>()),
            new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
            new CanaryLabels(new RealisedPerformanceReader(workspace.Warehouse, workspace.Config), workspace.Config, workspace.Time)));
        services.AddSingleton(sp => new DeploymentWarmup(sp.GetRequiredService<ServedModelCache>(), workspace.Config, workspace.Time, sp.GetRequiredService<ShadowMirror>(), sp.GetRequiredService<ILogger<DeploymentWarmup>>()));
        services.AddSingleton(sp => new DeploymentAnalysisService(
            sp.GetRequiredService<IDeploymentStore>(),
            sp.GetRequiredService<ServingRouter>(),
            sp.GetRequiredService<CanaryJudge>(),
            sp.GetRequiredService<DeploymentWarmup>(),
            workspace.Time,
            settings.CheckPeriod,
            sp.GetRequiredService<ILogger<DeploymentAnalysisService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentAnalysisService>());
        return services;
    }

    public static IEndpointRouteBuilder MapDeployments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deployments").WithTags("Deployments");
        group.MapPost("/", StartAsync).WithSummary("Start a canary (or shadow) deployment of a model version.");
        group.MapGet("/", ListAsync).WithSummary("Deployments, newest first.");
        group.MapGet("/{id:long}", GetAsync).WithSummary("One deployment with the history of every step and its figures.");
        group.MapPost("/{id:long}/{action}", ActAsync).WithSummary("promote, pause, resume or rollback a deployment.");
        return app;
    }

    private static async Task<IResult> StartAsync(HttpRequest http, DeploymentService deployments, ServingRouter router, DeploymentWarmup warmup, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, default, ct).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed JSON: " + ex.Message.ReplaceLineEndings(" "));
        }

        var (request, error) = DeployRequestReader.Read(body);
        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, error!);
        }

        var outcome = await deployments.StartAsync(request, ct).ConfigureAwait(false);
        if (outcome.Deployment is not { } started)
        {
            return Refused(outcome);
        }

        // Warmed before it is routed: the candidate's load and the split's first JIT are the deploy call's, not the traffic's.
        await warmup.WarmAsync(started, ct).ConfigureAwait(false);
        await router.ApplyAsync(started).ConfigureAwait(false);
        return Results.Created($"/api/v1/deployments/{started.Id}", DeploymentResponse.From(started));
    }

    private static async Task<IResult> ListAsync(DeploymentService deployments, CancellationToken ct) =>
        Results.Ok((await deployments.ListAsync(100, ct).ConfigureAwait(false)).Select(d => DeploymentResponse.From(d)));

    private static async Task<IResult> GetAsync(long id, DeploymentService deployments, CancellationToken ct)
    {
        var details = await deployments.GetAsync(id, ct).ConfigureAwait(false);
        return details is null
            ? Problem(StatusCodes.Status404NotFound, $"no deployment {id}")
            : Results.Ok(DeploymentResponse.From(details.Deployment, details.History));
    }

    private static async Task<IResult> ActAsync(long id, string action, DeploymentService deployments, ServingRouter router, CancellationToken ct)
    {
        var outcome = action switch
        {
            "promote" => await deployments.PromoteAsync(id, ct).ConfigureAwait(false),
            "pause" => await deployments.PauseAsync(id, ct).ConfigureAwait(false),
            "resume" => await deployments.ResumeAsync(id, ct).ConfigureAwait(false),
            "rollback" => await deployments.RollbackAsync(id, ct).ConfigureAwait(false),
            _ => null,
        };
        if (outcome is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"unknown action '{(action.Length <= 20 ? action : action[..20] + "…")}'; use promote, pause, resume or rollback");
        }

        if (outcome.Deployment is not { } moved)
        {
            return Refused(outcome);
        }

        await router.ApplyAsync(moved).ConfigureAwait(false);
        return Results.Ok(DeploymentResponse.From(moved));
    }

    private static IResult Refused(DeploymentOutcome outcome) => Problem(
        outcome.Problem switch
        {
            DeploymentProblemKind.NotFound => StatusCodes.Status404NotFound,
            DeploymentProblemKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        outcome.Error!);

    private static IResult Problem(int status, string detail) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Deployment conflict",
            _ => "Invalid deployment request",
        },
        Detail = detail,
    });
}
