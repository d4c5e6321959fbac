using ChurnOps.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Scoring;

/// <summary>Runs a fitted model over encoded rows and reads back the calibrated probability column.</summary>
internal static class ModelScorer
{
    public const string ProbabilityColumn = "Probability";

    public static float[] Predict(ITransformer model, IDataView view)
    {
        var scored = model.Transform(view);
        var column = scored.Schema[ProbabilityColumn];
        var result = new float[(int)(view.GetRowCount() ?? 0)];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var i = 0;
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result[i++] = value;
        }

        return result;
    }

    public static float[] Predict(ITransformer model, FeatureMatrix matrix, IReadOnlyList<int> rows) =>
        Predict(model, new FeatureMatrixView(matrix, rows, withLabels: false));

    /// <summary>Scores rows [start, start+count) of a row-major block into <paramref name="destination"/>.</summary>
    public static void Predict(ITransformer model, float[] block, int dimension, int count, Span<float> destination)
    {
        var scored = model.Transform(new FeatureMatrixView(block, dimension, 0, count));
        var column = scored.Schema[ProbabilityColumn];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var i = 0;
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            destination[i++] = value;
        }
    }
}
