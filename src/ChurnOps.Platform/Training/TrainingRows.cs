using ChurnOps.Core.Data;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Training;

/// <summary>The rows a training job trains on and where they came from (the training set when built from labels), or why there are none.</summary>
internal sealed record TrainingRows(string Source, TabularData? Data, TrainingSetResult? TrainingSet, string? Error)
{
    public static TrainingRows Refused(string error) => new(string.Empty, null, null, error);
}
