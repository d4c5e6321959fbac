using System.Security.Cryptography;
using System.Text;

namespace ChurnOps.Core.Features;

/// <summary>
/// The version of a view is the hash of what decides its values: keys, timestamps, TTL, feature names, declared
/// storage types and the SQL (whitespace-normalised). Owner and descriptions are documentation and do not make a new version.
/// </summary>
public static class FeatureViewVersioning
{
    public static string VersionOf(FeatureViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var canonical = new StringBuilder()
            .Append("name=").Append(view.Name).Append('\n')
            .Append("entity=").Append(view.Entity).Append('\n')
            .Append("timestamp=").Append(view.TimestampColumn).Append('\n')
            .Append("created=").Append(view.CreatedTimestampColumn ?? string.Empty).Append('\n')
            .Append("ttl=").Append(view.Ttl.Ticks).Append('\n')
            .Append("features=").Append(string.Join(',', view.FeatureNames)).Append('\n')
            .Append("sql=").Append(NormalizeSql(view.Sql));
        if (view.Features.Any(f => f.StorageType is not null))
        {
            // Only views that declare types hash them, so every view written before types existed keeps its version.
            canonical.Append('\n').Append("types=").Append(string.Join(',', view.Features.Select(f => f.StorageType ?? string.Empty)));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Collapses runs of whitespace so re-indenting the SQL is not a new version.</summary>
    public static string NormalizeSql(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var builder = new StringBuilder(sql.Length);
        var pendingSpace = false;
        foreach (var c in sql.Trim().TrimEnd(';'))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Why a change from <paramref name="before"/> to <paramref name="after"/> could change what a model trained on
    /// <paramref name="before"/> receives; empty when the change is safe (TTL, added features with the same SQL).
    /// </summary>
    public static IReadOnlyList<string> BreakingChanges(FeatureViewDefinition before, FeatureViewDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var reasons = new List<string>();
        if (!string.Equals(before.Entity, after.Entity, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"entity changed from '{before.Entity}' to '{after.Entity}'");
        }

        if (!string.Equals(before.TimestampColumn, after.TimestampColumn, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"timestamp changed from '{before.TimestampColumn}' to '{after.TimestampColumn}'");
        }

        var removed = before.FeatureNames.Except(after.FeatureNames, StringComparer.OrdinalIgnoreCase).ToArray();
        if (removed.Length > 0)
        {
            reasons.Add("features removed: " + string.Join(", ", removed));
        }

        foreach (var feature in after.Features)
        {
            var previous = before.Features.FirstOrDefault(f => string.Equals(f.Name, feature.Name, StringComparison.OrdinalIgnoreCase));
            if (previous is not null && !string.Equals(previous.StorageType, feature.StorageType, StringComparison.Ordinal))
            {
                reasons.Add($"feature '{feature.Name}' stored as {feature.StorageType ?? "the SQL's type"} instead of {previous.StorageType ?? "the SQL's type"}");
            }
        }

        if (!string.Equals(NormalizeSql(before.Sql), NormalizeSql(after.Sql), StringComparison.Ordinal))
        {
            // The SQL cannot be diffed per feature, so any change may alter values the model learned from.
            reasons.Add("SQL changed");
        }

        return reasons;
    }
}
