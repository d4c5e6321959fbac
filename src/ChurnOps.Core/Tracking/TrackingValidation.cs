using System.Text.RegularExpressions;

namespace ChurnOps.Core.Tracking;

/// <summary>Checks what a client sends before anything is stored. Every check adds to a list so all problems come back at once.</summary>
public static partial class TrackingValidation
{
    /// <summary>MLflow's _validate_experiment_name: non-empty and at most 500 characters.</summary>
    public static void ExperimentName(string? name, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Invalid experiment name: '" + name + "'. Experiment name must be a non-empty string.");
        }
        else if (name.Length > TrackingLimits.MaxExperimentNameLength)
        {
            errors.Add($"Experiment name exceeds the maximum length of {TrackingLimits.MaxExperimentNameLength} characters (got {name.Length}).");
        }
    }

    /// <summary>A run name is kept as the mlflow.runName tag in MLflow, so it has the tag value limit.</summary>
    public static void RunName(string? name, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (name is { Length: > TrackingLimits.MaxTagValueLength })
        {
            errors.Add($"Run name had length {name.Length}, which exceeded length limit of {TrackingLimits.MaxTagValueLength}.");
        }
    }

    public static void Key(string? key, string what, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(key))
        {
            errors.Add($"Missing value for required parameter '{what}'.");
            return;
        }

        if (key.Length > TrackingLimits.MaxKeyLength)
        {
            errors.Add($"{what} '{key[..32]}...' had length {key.Length}, which exceeded length limit of {TrackingLimits.MaxKeyLength}.");
        }

        // Keys become artifact folders in MLflow's file store, so MLflow forbids path tricks; we match its rules.
        if (!KeyPattern().IsMatch(key) || key.StartsWith('/') || key.Split('/').Any(part => part is ".." or "."))
        {
            errors.Add($"Invalid {what} name: '{key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/), and may not be a path outside the run.");
        }
    }

    public static void Value(string? value, string what, string? key, int maxLength, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            errors.Add($"Missing value for {what} '{key}'.");
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add($"{what} value for '{key}' had length {value.Length}, which exceeded length limit of {maxLength}.");
        }
    }

    public static List<string> Batch(IReadOnlyList<MetricPoint> metrics, IReadOnlyList<RunParam> parameters, IReadOnlyList<TrackingTag> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        var errors = new List<string>();
        if (metrics.Count > TrackingLimits.MaxMetricsPerBatch)
        {
            errors.Add($"A batch logging request can contain at most {TrackingLimits.MaxMetricsPerBatch} metrics. Got {metrics.Count} metrics. Please split up metrics across multiple requests and try again.");
        }

        if (parameters.Count > TrackingLimits.MaxParamsPerBatch)
        {
            errors.Add($"A batch logging request can contain at most {TrackingLimits.MaxParamsPerBatch} params. Got {parameters.Count} params. Please split up params across multiple requests and try again.");
        }

        if (tags.Count > TrackingLimits.MaxTagsPerBatch)
        {
            errors.Add($"A batch logging request can contain at most {TrackingLimits.MaxTagsPerBatch} tags. Got {tags.Count} tags. Please split up tags across multiple requests and try again.");
        }

        var total = metrics.Count + parameters.Count + tags.Count;
        if (total > TrackingLimits.MaxEntitiesPerBatch)
        {
            errors.Add($"A batch logging request can contain at most {TrackingLimits.MaxEntitiesPerBatch} total metrics, params and tags. Got {total}.");
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var metric in metrics)
        {
            Key(metric.Key, "metric", errors);
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var conflicting = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var param in parameters)
        {
            Key(param.Key, "param", errors);
            Value(param.Value, "param", param.Key, TrackingLimits.MaxParamValueLength, errors);
            if (param.Key is not null && seen.TryGetValue(param.Key, out var earlier) && !string.Equals(earlier, param.Value, StringComparison.Ordinal))
            {
                conflicting.Add(param.Key);
            }
            else if (param.Key is not null)
            {
                seen[param.Key] = param.Value;
            }
        }

        if (conflicting.Count > 0)
        {
            errors.Add($"Duplicate parameter keys have been submitted with different values: [{string.Join(", ", conflicting)}]. Please ensure the request contains only one value per param key.");
        }

        foreach (var tag in tags)
        {
            Key(tag.Key, "tag", errors);
            Value(tag.Value, "tag", tag.Key, TrackingLimits.MaxTagValueLength, errors);
        }

        return errors;
    }

    public static List<string> Inputs(IReadOnlyList<DatasetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var errors = new List<string>();
        foreach (var input in inputs)
        {
            var dataset = input.Dataset;
            if (dataset is null)
            {
                errors.Add("Each dataset input needs a 'dataset'.");
                continue;
            }

            Required(dataset.Name, "dataset.name", TrackingLimits.MaxDatasetNameLength, errors);
            Required(dataset.Digest, "dataset.digest", TrackingLimits.MaxDatasetDigestLength, errors);
            Required(dataset.SourceType, "dataset.source_type", TrackingLimits.MaxDatasetNameLength, errors);
            Required(dataset.Source, "dataset.source", TrackingLimits.MaxDatasetSourceLength, errors);
            if (dataset.Schema?.Length > TrackingLimits.MaxDatasetSchemaLength)
            {
                errors.Add($"dataset.schema exceeded length limit of {TrackingLimits.MaxDatasetSchemaLength}.");
            }

            if (dataset.Profile?.Length > TrackingLimits.MaxDatasetProfileLength)
            {
                errors.Add($"dataset.profile exceeded length limit of {TrackingLimits.MaxDatasetProfileLength}.");
            }

            foreach (var tag in input.Tags)
            {
                Required(tag.Key, "input tag key", 255, errors);
                Required(tag.Value, "input tag value", 500, errors);
            }
        }

        return errors;
    }

    private static void Required(string? value, string what, int maxLength, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"Missing value for required parameter '{what}'.");
        }
        else if (value.Length > maxLength)
        {
            errors.Add($"{what} had length {value.Length}, which exceeded length limit of {maxLength}.");
        }
    }

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex KeyPattern();
}
