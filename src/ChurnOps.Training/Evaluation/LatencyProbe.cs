using System.Diagnostics;
using ChurnOps.Training.Data;
using ChurnOps.Training.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Evaluation;

/// <summary>Measures single-row scoring latency (p95, milliseconds) through a PredictionEngine, the way online serving scores.</summary>
internal static class LatencyProbe
{
    private const int Warmup = 20;
    private const int Samples = 200;

    public static double P95Milliseconds(MLContext context, ITransformer model, FeatureMatrix matrix, IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var definition = SchemaDefinition.Create(typeof(EncodedInput));
        definition[nameof(EncodedInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, matrix.Dimension);
        using var engine = context.Model.CreatePredictionEngine<EncodedInput, ScoredOutput>(model, ignoreMissingColumns: true, inputSchemaDefinition: definition);
        var input = new EncodedInput { Features = new float[matrix.Dimension] };
        var output = new ScoredOutput();
        var timings = new double[Samples];
        for (var i = 0; i < Warmup + Samples; i++)
        {
            var row = rows[i % rows.Count];
            var started = Stopwatch.GetTimestamp();
            matrix.Values.AsSpan(row * matrix.Dimension, matrix.Dimension).CopyTo(input.Features);
            engine.Predict(input, ref output);
            if (i >= Warmup)
            {
                timings[i - Warmup] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        Array.Sort(timings);
        return timings[(int)Math.Ceiling(0.95 * Samples) - 1];
    }
}
