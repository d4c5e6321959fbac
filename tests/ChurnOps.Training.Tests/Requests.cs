using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Tests;

/// <summary>Training requests sized for a fast test suite: two folds, one or two trials, no plots unless asked.</summary>
internal static class Requests
{
    public static TrainingRequest Fast(TabularData data, string label, IReadOnlyList<string> exclude, IReadOnlyList<string> trainers, int seed = 42, EvaluationGates? gates = null, int trials = 1) =>
        new(data, label, exclude, trainers, seed, 0.2, gates ?? EvaluationGates.None)
        {
            CrossValidationFolds = 2,
            SearchTrials = trials,
            ImportanceRepeats = 1,
            RenderPlots = false,
        };
}
