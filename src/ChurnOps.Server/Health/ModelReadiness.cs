using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Health;

/// <summary>
/// Tells the truth about readiness for Kubernetes probes: a model is ready once its version is loaded and one warm-up row
/// (every input missing) has been scored by its engine. The warm-up runs once per loaded version; a version the alias
/// moves to is warmed on its first check.
/// </summary>
internal sealed class ModelReadiness(ChurnOpsWorkspace workspace, ServedModelCache models, ILogger<ModelReadiness> logger)
{
    private readonly ConditionalWeakTable<ServedModel, string?> _warmups = [];
    private string? _lastReason;

    /// <summary>The project's model at the serving alias: what /v2/health/ready and /ping answer for.</summary>
    public ValueTask<ReadinessReport> CheckServingAsync(CancellationToken ct) => CheckAsync(workspace.Config.Model.Name, null, ct);

    public async ValueTask<ReadinessReport> CheckAsync(string model, int? version, CancellationToken ct)
    {
        var (served, error) = version is { } v
            ? await models.GetVersionAsync(model, v, ct).ConfigureAwait(false)
            : await models.GetAsync(model, workspace.Config.Serving.Alias, ct).ConfigureAwait(false);
        if (served is null)
        {
            // Unknown to the registry is 404; registered but not loadable (no alias yet, a broken artifact) is "not ready".
            var known = version is { } exact
                ? await workspace.Registry.GetAsync(model, exact, ct).ConfigureAwait(false) is not null
                : (await workspace.Registry.ListVersionsAsync(model, ct).ConfigureAwait(false)).Count > 0;
            return NotReady(model, error!, known);
        }

        var warmupError = _warmups.GetValue(served, WarmUp);
        return warmupError is null
            ? new ReadinessReport(model, true, served.Version.Version, null)
            : NotReady(model, warmupError, known: true);
    }

    private ReadinessReport NotReady(string model, string reason, bool known)
    {
        // Logged when the reason changes, not on every probe.
        if (!string.Equals(Interlocked.Exchange(ref _lastReason, reason), reason, StringComparison.Ordinal))
        {
            HealthLog.NotReady(logger, model, reason);
        }

        return new ReadinessReport(model, false, null, reason, known);
    }

    /// <summary>One row of the model's inputs, every one missing: what a warm-up scores.</summary>
    internal static TabularData MissingRow(ServedModel served) => new(served.Engine.Signature.Inputs
        .Select(i => string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase)
            ? TabularColumn.Text(i.Name, [null])
            : TabularColumn.Numeric(i.Name, [double.NaN], i.DataKind == ColumnKind.Text ? ColumnKind.Numeric : i.DataKind))
        .ToList());

    /// <summary>Scores one row with every input missing; null when it gave a probability, else why not.</summary>
    private string? WarmUp(ServedModel served)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var probability = served.Engine.ScoreBatch(MissingRow(served))[0];
            if (!float.IsFinite(probability) || probability is < 0 or > 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"warm-up scoring of version {served.Version.Version} gave {probability}, not a probability");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A model that cannot score is exactly what readiness must report, not crash on.
            HealthLog.WarmupFailed(logger, served.Version.ModelName, served.Version.Version, ex);
            return $"warm-up scoring of version {served.Version.Version} failed: {ex.Message.ReplaceLineEndings(" ")}";
        }

        Interlocked.Exchange(ref _lastReason, null);
        HealthLog.WarmedUp(logger, served.Version.ModelName, served.Version.Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return null;
    }
}
