using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// A mean-variance normalizer followed by a Platt-calibrated linear model (logistic regression by L-BFGS or SDCA),
/// scored without an ML.NET data view: the online and batch fast path for the cheapest models.
/// </summary>
/// <remarks>
/// It reproduces ML.NET's float arithmetic step by step, because the sum order decides the last bit:
/// the normalizer multiplies each value by its scale and keeps only non-zero results, and the vector it builds is dense
/// when at least half the values are non-zero, sparse otherwise (ML.NET's BufferBuilder). A dense vector is dotted with
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the very call ML.NET makes; a sparse one
/// goes through ML.NET's sparse dot product, a plain float loop under 16 values and an 8-lane AVX loop (fused
/// multiply-add where the CPU has it) from 16 on, both replayed here lane by lane. The calibrator is ML.NET's own object.
/// <see cref="ScoringEngine"/> still probes it against ML.NET before use and keeps ML.NET on any difference.
/// </remarks>
internal sealed class CompiledLinearModel : ICompiledScorer
{
    /// <summary>ML.NET's CpuMath uses its vector loops from this many values on.</summary>
    private const int VectorLoopMinimum = 16;

    private readonly float[] _scale;
    private readonly float[] _denseWeights;
    private readonly float[]? _sparseWeightValues;
    private readonly int[]? _sparseWeightIndices;
    private readonly float _bias;
    private readonly ICalibrator? _calibrator;

    /// <summary>The Platt calibrator's parameters when the model has one: the only calibrator a stored form can replay.</summary>
    private readonly (double Slope, double Offset)? _platt;

    private CompiledLinearModel(float[] scale, float[] denseWeights, float[]? sparseWeightValues, int[]? sparseWeightIndices, float bias, ICalibrator? calibrator, (double Slope, double Offset)? platt)
    {
        _scale = scale;
        _denseWeights = denseWeights;
        _sparseWeightValues = sparseWeightValues;
        _sparseWeightIndices = sparseWeightIndices;
        _bias = bias;
        _calibrator = calibrator;
        _platt = platt;
    }

    public int Dimension => _scale.Length;

    /// <summary>Null unless the model is exactly [mean-variance normalizer on the features] then [calibrated linear binary model].</summary>
    public static CompiledLinearModel? TryCompile(ITransformer model)
    {
        var parts = CompiledScorers.Flatten(model);
        if (parts.Count != 2 || parts[0] is not NormalizingTransformer normalizer || parts[1] is not IPredictionTransformer<object> { Model: CalibratedModelParametersBase calibrated })
        {
            return null;
        }

        // Without AVX, ML.NET takes SSE loops this class does not replay.
        if (Sse.IsSupported && !Avx.IsSupported)
        {
            return null;
        }

        if (normalizer.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine || !affine.Offset.IsDefaultOrEmpty)
        {
            return null;
        }

        if (CompiledScorers.Property(calibrated, "SubModel") is not LinearBinaryModelParameters linear || CompiledScorers.Property(calibrated, "Calibrator") is not ICalibrator calibrator)
        {
            return null;
        }

        // The stored weights may be sparse, which changes ML.NET's summation path; their layout is not public, so it is
        // read from the field that holds them (a different ML.NET that renames it simply is not compiled).
        var field = typeof(LinearModelParameters).GetField("Weight", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field?.GetValue(linear) is not VBuffer<float> weights || weights.Length != affine.Scale.Length)
        {
            return null;
        }

        var scale = affine.Scale.ToArray();
        var dense = new float[weights.Length];
        weights.CopyTo(dense);
        (double, double)? platt = calibrator is PlattCalibrator p ? (p.Slope, p.Offset) : null;
        return weights.IsDense
            ? new CompiledLinearModel(scale, dense, null, null, linear.Bias, calibrator, platt)
            : new CompiledLinearModel(scale, dense, weights.GetValues().ToArray(), weights.GetIndices().ToArray(), linear.Bias, calibrator, platt);
    }

    /// <summary>Scale, weights, bias and the Platt parameters; false for another calibrator.</summary>
    public bool TryWrite(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_platt is not { } platt)
        {
            return false;
        }

        writer.Write(CompiledScorerForm.LinearKind);
        CompiledScorerForm.WriteArray(writer, _scale);
        CompiledScorerForm.WriteArray(writer, _denseWeights);
        writer.Write(_sparseWeightValues is not null);
        if (_sparseWeightValues is not null)
        {
            CompiledScorerForm.WriteArray(writer, _sparseWeightValues);
            CompiledScorerForm.WriteArray(writer, _sparseWeightIndices!);
        }

        writer.Write(_bias);
        writer.Write(platt.Slope);
        writer.Write(platt.Offset);
        return true;
    }

    /// <summary>The model <see cref="TryWrite"/> wrote, or null unless its sizes match <paramref name="dimension"/> and its indices are in range.</summary>
    internal static CompiledLinearModel? Read(BinaryReader reader, int dimension)
    {
        var scale = CompiledScorerForm.ReadFloats(reader);
        var dense = CompiledScorerForm.ReadFloats(reader);
        float[]? values = null;
        int[]? indices = null;
        if (reader.ReadBoolean())
        {
            values = CompiledScorerForm.ReadFloats(reader);
            indices = CompiledScorerForm.ReadInts(reader);
            if (values is null || indices is null || values.Length != indices.Length || indices.Any(i => i < 0 || i >= dimension))
            {
                return null;
            }
        }

        var bias = reader.ReadSingle();
        var slope = reader.ReadDouble();
        var offset = reader.ReadDouble();
        return scale is not null && dense is not null && scale.Length == dimension && dense.Length == dimension
            ? new CompiledLinearModel(scale, dense, values, indices, bias, null, (slope, offset))
            : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<float> block, int dimension, int rows, Span<float> destination)
    {
        var size = _scale.Length;
        ArgumentOutOfRangeException.ThrowIfNotEqual(dimension, size);
        var small = size <= 256;
        Span<float> full = small ? stackalloc float[size] : new float[size];
        Span<float> values = small ? stackalloc float[size] : new float[size];
        Span<int> indices = small ? stackalloc int[size] : new int[size];
        for (var r = 0; r < rows; r++)
        {
            var score = Score(block.Slice(r * dimension, dimension), full, values, indices);
            destination[r] = _calibrator?.PredictProbability(score) ?? PlattProbability(score, _platt!.Value);
        }
    }

    /// <summary>Vectors with 0 to all values non-zero, so both of ML.NET's dense and sparse paths (and both loops) are probed.</summary>
    public float[] ProbeVectors(int dimension, int rows, int seed)
    {
        var random = new Random(seed);
        var probes = new float[rows * dimension];
        for (var r = 0; r < rows; r++)
        {
            var nonZero = r % (dimension + 1);
            for (var k = 0; k < nonZero; k++)
            {
                var f = random.Next(dimension);
                probes[(r * dimension) + f] = random.Next(4) switch
                {
                    0 => 1,
                    1 => (float)(random.NextDouble() * 100),
                    2 => (float)((random.NextDouble() * 2) - 1),
                    _ => (float)(random.NextDouble() * -1000),
                };
            }
        }

        return probes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Score(ReadOnlySpan<float> row, Span<float> full, Span<float> values, Span<int> indices)
    {
        var size = _scale.Length;
        var count = 0;
        for (var i = 0; i < size; i++)
        {
            // ML.NET's builder drops zeros (negative zero too) and fills a dense vector's gaps with +0.
            var value = row[i] * _scale[i];
            if (value != 0)
            {
                full[i] = value;
                values[count] = value;
                indices[count] = i;
                count++;
            }
            else
            {
                full[i] = 0;
            }
        }

        if (count == 0)
        {
            return _bias + 0f;
        }

        float dot;
        if (count >= size / 2)
        {
            dot = _sparseWeightValues is null
                ? TensorPrimitives.Dot(_denseWeights, full)
                : _sparseWeightValues.Length == 0 ? 0 : SparseDot(full, _sparseWeightValues, _sparseWeightIndices!);
        }
        else
        {
            dot = SparseDot(_denseWeights, values[..count], indices[..count]);
        }

        return _bias + dot;
    }

    /// <summary>ML.NET's Platt calibrator: NaN stays NaN, otherwise 1 / (1 + e^(slope * score + offset)) in double, cast to float.</summary>
    private static float PlattProbability(float score, (double Slope, double Offset) platt) =>
        float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp((platt.Slope * score) + platt.Offset)));

    /// <summary>ML.NET's CpuMathUtils.DotProductSparse: sum of left[indices[i]] * right[i], in its own order.</summary>
    private static float SparseDot(ReadOnlySpan<float> left, ReadOnlySpan<float> right, ReadOnlySpan<int> indices)
    {
        var count = right.Length;
        if (count < VectorLoopMinimum || !Sse.IsSupported)
        {
            var result = 0f;
            for (var k = 0; k < count; k++)
            {
                result += left[indices[k]] * right[k];
            }

            return result;
        }

        // Eight lanes accumulate (fused when the CPU has FMA, as ML.NET's MultiplyAdd), then two horizontal adds per
        // 128-bit half and the halves added; four more values are multiplied into a fresh vector and summed the same way;
        // the rest are added one by one; the two partial sums are added last.
        Span<float> lanes = stackalloc float[8];
        lanes.Clear();
        var i8 = 0;
        var fma = Fma.IsSupported;
        for (; i8 + 8 <= count; i8 += 8)
        {
            for (var l = 0; l < 8; l++)
            {
                var gathered = left[indices[i8 + l]];
                lanes[l] = fma ? MathF.FusedMultiplyAdd(right[i8 + l], gathered, lanes[l]) : (gathered * right[i8 + l]) + lanes[l];
            }
        }

        var padded = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        var tail = 0f;
        var i = i8;
        if (i + 4 <= count)
        {
            var p0 = 0f + (left[indices[i]] * right[i]);
            var p1 = 0f + (left[indices[i + 1]] * right[i + 1]);
            var p2 = 0f + (left[indices[i + 2]] * right[i + 2]);
            var p3 = 0f + (left[indices[i + 3]] * right[i + 3]);
            tail = (p0 + p1) + (p2 + p3);
            i += 4;
        }

        for (; i < count; i++)
        {
            tail += left[indices[i]] * right[i];
        }

        return tail + padded;
    }
}
