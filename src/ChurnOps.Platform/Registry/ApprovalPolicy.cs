using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Registry;

/// <summary>
/// The approval rule churnops.yaml sets: which team signs off, whether the trainer may, which alias serves, and the gate
/// evidence a version carries (the training-time verdict, or for a version an MLflow client registered, the project's
/// gates applied to whatever validation metrics it has).
/// </summary>
public sealed class ApprovalPolicy(ProjectConfig config)
{
    private static readonly string[] AccountableRoles = ["mlops", "ml-engineering"];

    /// <summary>registry.approval.accountable_team, else the first team with role mlops, else ml-engineering; null when none.</summary>
    public string? AccountableTeam =>
        !string.IsNullOrWhiteSpace(config.Registry.Approval.AccountableTeam)
            ? config.Registry.Approval.AccountableTeam
            : AccountableRoles.Select(role => config.Teams.FirstOrDefault(t => string.Equals(t.Role, role, StringComparison.OrdinalIgnoreCase))?.Name).FirstOrDefault(n => n is not null);

    public bool FourEyes => config.Registry.Approval.FourEyes;

    public string ServingAlias => config.Serving.Alias;

    public bool IsServingAlias(string alias) => string.Equals(alias, ServingAlias, StringComparison.Ordinal);

    public GateVerdict Evidence(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Gates is { } recorded)
        {
            return recorded;
        }

        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (gate, metric) in new[] { ("min_auc", "auc"), ("min_precision", "precision"), ("min_recall", "recall") })
        {
            if (!config.Gates.TryGetValue(gate, out var minimum))
            {
                continue;
            }

            thresholds[gate] = minimum;
            var value = version.Metrics.TryGetValue("valid_" + metric, out var valid) ? valid : version.Metrics.TryGetValue(metric, out var plain) ? plain : (double?)null;
            if (value is null)
            {
                failures.Add($"no {metric} metric recorded for {gate}");
            }
            else if (!(value >= minimum))
            {
                failures.Add($"{metric} {F(value.Value)} < {gate} {F(minimum)}");
            }
        }

        return new GateVerdict(failures.Count == 0, thresholds, failures);
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
