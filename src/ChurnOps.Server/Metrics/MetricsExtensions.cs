using OpenTelemetry.Metrics;

namespace ChurnOps.Server.Metrics;

/// <summary>Registers the ChurnOps meter with OpenTelemetry and serves it at /metrics in Prometheus text.</summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddServingMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ServingMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServingMetrics.MeterName)
            // The runtime's own meter (GC, allocated bytes, thread pool, lock contention): what an operator reads first
            // when latency rises, and how bench/compare counts allocation per request without a profiler.
            .AddMeter("System.Runtime")
            // A scrape sees every request answered before it, not a copy cached from an earlier scrape.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication UseServingMetrics(this WebApplication app)
    {
        app.UseMiddleware<ServingMetricsMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
