using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: sla.check</c>: measures the contracts' SLAs; a miss raises alerts to the producer team and fails the step.
/// Args: <c>contracts</c> (comma-separated files; default every contract).
/// </summary>
internal sealed class SlaCheckStepAction(IServiceProvider services) : IPipelineStepAction
{
    public string Name => "sla.check";

    public IReadOnlyList<string> Arguments { get; } = ["contracts"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var checker = ActivatorUtilities.CreateInstance<SlaChecker>(services, new LogAlertSink(NullLogger<LogAlertSink>.Instance), http);
        var files = context.Arg("contracts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Path.IsPathRooted(f) ? f : Path.Combine(context.ProjectRoot, f)).ToList();
        var report = await checker.CheckAsync(files, cancellationToken).ConfigureAwait(false);
        foreach (var m in report.Measurements)
        {
            context.Log($"{(m.Met ? "ok" : "VIOLATED")} {m.Contract} {m.Table} {m.Property}: {m.Measured} (threshold {m.Threshold})");
        }

        if (report.Errors.Count > 0)
        {
            return StepOutcome.Failure("sla check: " + string.Join("; ", report.Errors));
        }

        return report.AllMet
            ? StepOutcome.Success(new Dictionary<string, string> { ["measured"] = report.Measurements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : StepOutcome.Failure($"{report.Alerts.Count} SLA violation(s); alerts raised for {string.Join(", ", report.Alerts.Select(a => a.Team).Distinct())}");
    }
}
