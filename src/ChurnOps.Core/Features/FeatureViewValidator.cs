using ChurnOps.Core.Warehouse;

namespace ChurnOps.Core.Features;

/// <summary>Checks a feature view definition and returns every problem at once ("field: message").</summary>
public static class FeatureViewValidator
{
    public static IReadOnlyList<string> Validate(FeatureViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var errors = new List<string>();
        RequirePlain(errors, "name", view.Name);
        RequirePlain(errors, "entity", view.Entity);
        RequirePlain(errors, "timestamp", view.TimestampColumn);
        if (view.CreatedTimestampColumn is not null)
        {
            RequirePlain(errors, "created_timestamp", view.CreatedTimestampColumn);
        }

        if (view.Ttl <= TimeSpan.Zero)
        {
            errors.Add("ttl: must be greater than zero");
        }

        if (string.IsNullOrWhiteSpace(view.Sql))
        {
            errors.Add("source: the SQL is empty");
        }

        if (view.Features.Count == 0)
        {
            errors.Add("features: declare at least one feature");
        }

        var reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { view.Entity ?? string.Empty, view.TimestampColumn ?? string.Empty, view.CreatedTimestampColumn ?? string.Empty };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < view.Features.Count; i++)
        {
            var name = view.Features[i].Name;
            if (string.IsNullOrWhiteSpace(name) || !SqlIdentifier.IsPlain(name))
            {
                errors.Add($"features[{i}].name: '{name}' must be letters, digits and underscores");
                continue;
            }

            if (reserved.Contains(name))
            {
                errors.Add($"features[{i}].name: '{name}' is the entity or a timestamp column, not a feature");
            }

            if (!seen.Add(name))
            {
                errors.Add($"features[{i}].name: '{name}' is declared twice");
            }
        }

        return errors;
    }

    private static void RequirePlain(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field}: is required");
        }
        else if (!SqlIdentifier.IsPlain(value))
        {
            errors.Add($"{field}: '{value}' must be letters, digits and underscores");
        }
    }
}
