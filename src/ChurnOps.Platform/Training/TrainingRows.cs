using ChurnOps.Core.Data;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Training;

/// <summary>The rows a training job trains on and where they came from (the training set when built from labels), or why there are none.</summary>
internal sealed record TrainingRows(string Source, TabularData? Data, TrainingSetResult? TrainingSet, string? Error)
{
    /// <summary>With a test table: the rows of <see cref="Data"/> that came from it (appended last) and its name.</summary>
    public IReadOnlyList<int>? TestRows { get; init; }

    public string? TestSource { get; init; }

    public static TrainingRows Refused(string error) => new(string.Empty, null, null, error);
}
