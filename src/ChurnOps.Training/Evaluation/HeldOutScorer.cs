using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Evaluation;

/// <summary>
/// Scores held-out rows with a model package exactly as training scored its test split (the package's encoder, then the
/// fitted model), so a recorded test set can be scored again later by this model or a retrained one and compared bit for bit.
/// </summary>
public static class HeldOutScorer
{
    /// <summary>The probability of every row, in order; the error when the rows lack an input column of the model.</summary>
    public static (float[]? Scores, string? Error) Score(ModelPackage package, TabularData rows)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = package.Encoder.Validate(rows);
        if (problems.Count > 0)
        {
            return (null, string.Join("; ", problems));
        }

        var dimension = package.Encoder.Dimension;
        var block = new float[(long)rows.RowCount * dimension];
        package.Encoder.Encode(rows, 0, rows.RowCount, block);
        var scores = new float[rows.RowCount];
        if (rows.RowCount > 0)
        {
            ModelScorer.Predict(package.Model, block, dimension, rows.RowCount, scores);
        }

        return (scores, null);
    }
}
