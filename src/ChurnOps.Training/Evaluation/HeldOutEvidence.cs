using ChurnOps.Core.Data;

namespace ChurnOps.Training.Evaluation;

/// <summary>
/// What the winner's evaluation rests on, kept so a model card and `reproduce` can be computed after the fact: the test
/// rows as they were (every column, label included), their labels and the winner's scores (through
/// <see cref="HeldOutScorer"/>), and the validation scores the threshold was chosen on.
/// </summary>
public sealed record HeldOutEvidence(
    TabularData TestRows,
    bool[] TestLabels,
    float[] TestScores,
    bool[] ValidationLabels,
    float[] ValidationScores,
    double Threshold,
    string ThresholdPolicy,
    double? TargetPrecision);
