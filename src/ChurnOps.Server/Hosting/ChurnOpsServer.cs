using ChurnOps.Platform.Composition;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Access;
using ChurnOps.Server.Audit;
using ChurnOps.Server.Dashboard;
using ChurnOps.Server.Deployments;
using ChurnOps.Server.Features;
using ChurnOps.Server.Health;
using ChurnOps.Server.Inference;
using ChurnOps.Server.Invocations;
using ChurnOps.Server.Metrics;
using ChurnOps.Server.Mlflow;
using ChurnOps.Server.Predict;
using ChurnOps.Server.Security;
using Scalar.AspNetCore;

namespace ChurnOps.Server.Hosting;

/// <summary>Builds the ASP.NET Core app over an opened project: a short list of AddX / MapX, one per feature folder.</summary>
public static class ChurnOpsServer
{
    /// <summary>The whole app, as Program.cs builds it; for `churnops serve`, tests and benchmarks.</summary>
    public static WebApplication Build(ChurnOpsWorkspace workspace, ServerOptions options)
    {
        var builder = CreateBuilder(workspace, options);
        builder.AddChurnOpsServer(workspace);
        var app = builder.Build();
        app.MapChurnOpsServer();
        return app;
    }

    public static WebApplicationBuilder CreateBuilder(ChurnOpsWorkspace workspace, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        // No reload-on-change for appsettings files (ChurnOps reads churnops.yaml): its watcher would wake on every
        // journal and warehouse write under the project root, a thread's CPU per request for nothing.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "ChurnOps.Server", ContentRootPath = workspace.Layout.Root, Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = workspace.Config.Serving.MaxRequestBytes);
        builder.AddServerLogging(workspace.Config, options);
        builder.Services.AddBrowserSafety(options);
        return builder;
    }

    public static WebApplicationBuilder AddChurnOpsServer(this WebApplicationBuilder builder, ChurnOpsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The same composition root as the CLI, over the stores the CLI opened.
        builder.Services.AddChurnOps(workspace);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Stores.StoreUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHostedService<WarehouseLease>();
        // Add feature registrations here, one line each.
        builder.Services.AddInference(workspace);
        builder.Services.AddDeployments(workspace);
        builder.Services.AddMlflowApi();
        builder.Services.AddHealth();
        builder.Services.AddServerAccess(workspace);
        builder.Services.AddServingMetrics();
        builder.Services.AddDashboard();
        builder.Services.AddAudit();
        builder.Services.AddHostedService<ChurnOps.Platform.Pipelines.PipelineHostedService>();
        return builder;
    }

    public static WebApplication MapChurnOpsServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAudit();
        app.UseBrowserSafety();
        app.UseAccess();
        app.UseServingMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapHealthEndpoints();
        // Map feature endpoints here, one line each.
        app.MapInference();
        app.MapDeployments();
        app.MapFeatureEndpoints();
        app.MapMlflowApi();
        app.MapInvocations();
        app.MapPredict();
        app.MapMetrics();
        app.MapDashboard();
        app.MapAuditEndpoints();
        return app;
    }
}
