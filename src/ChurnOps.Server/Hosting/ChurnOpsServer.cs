using ChurnOps.Platform.Composition;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Features;
using ChurnOps.Server.Health;
using ChurnOps.Server.Inference;
using ChurnOps.Server.Mlflow;
using Scalar.AspNetCore;

namespace ChurnOps.Server.Hosting;

/// <summary>Builds the ASP.NET Core app over an opened project: a short list of AddX / MapX, one per feature folder.</summary>
public static class ChurnOpsServer
{
    public static WebApplication Build(ChurnOpsWorkspace workspace, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ChurnOps.Server", ContentRootPath = workspace.Layout.Root });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = workspace.Config.Serving.MaxRequestBytes);
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        // The same composition root as the CLI, over the stores the CLI opened.
        builder.Services.AddChurnOps(workspace);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHostedService<WarehouseLease>();
        // Add feature registrations here, one line each.
        builder.Services.AddInference(workspace);
        builder.Services.AddMlflowApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapHealthEndpoints();
        // Map feature endpoints here, one line each.
        app.MapInference();
        app.MapFeatureEndpoints();
        app.MapMlflowApi();

        return app;
    }
}
