using ChurnOps.Core.Data;

namespace ChurnOps.Training.Candidates;

/// <summary>What to train: a table, its label, the columns to leave out (ids, raw timestamps) and the candidates to try.</summary>
public sealed record TrainingRequest(
    TabularData Data,
    string LabelColumn,
    IReadOnlyList<string> ExcludeColumns,
    IReadOnlyList<string> Trainers,
    int Seed,
    double TestFraction,
    EvaluationGates Gates)
{
    /// <summary>Share of all rows held out for selection (threshold, gates, winner); taken before the test split.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Folds of the stratified cross-validation on the train split that scores each hyper-parameter trial.</summary>
    public int CrossValidationFolds { get; init; } = 3;

    /// <summary>Hyper-parameter trials per candidate; the first trial is always the trainer's defaults.</summary>
    public int SearchTrials { get; init; } = 4;

    /// <summary>
    /// Rows of <see cref="Data"/> that are the test split as given (a held-out table appended to the training rows);
    /// null cuts the test split off the data by <see cref="TestFraction"/>. With it, validation is
    /// <see cref="ValidationFraction"/> of the other rows.
    /// </summary>
    public IReadOnlyList<int>? TestRows { get; init; }

    /// <summary>The label value that means churn; every other value is the negative class. Null reads 0/1, true/false, yes/no.</summary>
    public string? PositiveLabel { get; init; }

    public ThresholdPolicy Threshold { get; init; } = ThresholdPolicy.MaxF1;

    /// <summary>
    /// Refit each candidate's chosen setting on train and validation together for the model kept and its test report,
    /// once validation has done its work (threshold, gates, selection on the train-only fit).
    /// </summary>
    public bool RefitOnValidation { get; init; } = true;

    /// <summary>With two or more trainers, also offer a blend of all of them (a stack fitted on out-of-fold scores) as a candidate.</summary>
    public bool Blend { get; init; } = true;

    /// <summary>The candidate to return as the winner whatever selection would say (`reproduce` re-runs a recorded winner); null selects.</summary>
    public string? Winner { get; init; }

    /// <summary>Text columns with more distinct training values than this are hashed into this many buckets instead of one-hot.</summary>
    public int CardinalityCap { get; init; } = 32;

    /// <summary>Permutation rounds per column for the winner's feature importance; 0 skips it.</summary>
    public int ImportanceRepeats { get; init; } = 3;

    /// <summary>Render ROC, PR, calibration and importance PNGs for the winner.</summary>
    public bool RenderPlots { get; init; } = true;

    /// <summary>Upper bound on parallel fits; defaults to the processor count.</summary>
    public int? MaxParallelism { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
