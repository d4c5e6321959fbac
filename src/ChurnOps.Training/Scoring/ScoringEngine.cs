using System.Buffers;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.ObjectPool;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// Scores rows with one packaged model, safely from many threads. Models with a compiled form (tree ensembles, linear
/// models; verified identical to ML.NET at construction) are scored by it, one row or a block at a time; any other goes
/// through pooled PredictionEngines (not thread-safe) for single rows and the shared transformer for batches.
/// </summary>
public sealed class ScoringEngine : IDisposable
{
    private const int ChunkRows = 8192;

    /// <summary>Below this many rows a pooled PredictionEngine per row beats building a data view (online requests).</summary>
    private const int PooledRowsLimit = 64;
    private readonly ModelPackage _package;
    private const int ProbeRows = 256;
    private readonly ObjectPool<ScoringSlot> _pool;
    private readonly ICompiledScorer? _compiled;

    public ScoringEngine(ModelPackage package, int poolSize)
        : this(package, poolSize, compile: true)
    {
    }

    /// <summary>With <paramref name="compile"/> false every model goes through ML.NET (benchmarks compare the two paths).</summary>
    internal ScoringEngine(ModelPackage package, int poolSize, bool compile)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        _package = package;
        _pool = new DefaultObjectPoolProvider { MaximumRetained = poolSize }.Create(new ScoringSlotPolicy(package));
        // A package's stored form was verified against ML.NET when it was saved; only a model without one is compiled
        // and probed here (which loads ML.NET's model).
        _compiled = !compile ? null : package.Compiled ?? Verified(CompiledScorers.TryCompile(package.Model), package);
        CellEncoder = new CellEncoder(package.Encoder, package.Signature);
    }

    /// <summary>Encodes raw cells into blocks for <see cref="ScoreEncoded"/>.</summary>
    public CellEncoder CellEncoder { get; }

    /// <summary>True when the model is scored by a compiled fast path (verified identical to ML.NET at construction).</summary>
    internal bool UsesCompiledScorer => _compiled is not null;

    /// <summary>True when that compiled path is the tree ensemble's.</summary>
    internal bool UsesCompiledTrees => _compiled is CompiledTreeEnsemble;

    /// <summary>How rows are scored, in words for logs and checks: a compiled path (trees, linear, blend) or ML.NET's engines.</summary>
    public string Scorer => _compiled switch
    {
        CompiledTreeEnsemble => "compiled trees",
        CompiledLinearModel => "compiled linear",
        CompiledBlend => "compiled blend",
        null => "ML.NET",
        _ => "compiled",
    };

    public ModelSignature Signature => _package.Signature;

    public double Threshold => _package.Threshold;

    public ModelPackage Package => _package;

    /// <summary>Scores one row; a missing column or a value of the wrong type gives a failed result naming every such column.</summary>
    public ScoreResult Score(IReadOnlyDictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var slot = _pool.Get();
        try
        {
            if (!_package.Encoder.TryEncode(row, slot.Input.Features, slot.Errors))
            {
                return ScoreResult.Failed(string.Join("; ", slot.Errors));
            }

            float probability;
            if (_compiled is not null)
            {
                _compiled.Score(slot.Input.Features, _package.Encoder.Dimension, 1, slot.Probability);
                probability = slot.Probability[0];
            }
            else
            {
                var output = slot.Output;
                slot.Engine.Predict(slot.Input, ref output);
                slot.Output = output;
                probability = output.Probability;
            }

            return new ScoreResult(true, null, probability, probability >= _package.Threshold);
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    /// <summary>Null when the table can be scored, otherwise every missing or mistyped input column.</summary>
    public string? Validate(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = _package.Encoder.Validate(data);
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>Probabilities for every row, in order; throws <see cref="ArgumentException"/> when <see cref="Validate"/> would fail.</summary>
    public float[] ScoreBatch(TabularData data)
    {
        if (Validate(data) is { } error)
        {
            throw new ArgumentException(error, nameof(data));
        }

        var result = new float[data.RowCount];
        if (data.RowCount <= PooledRowsLimit && _compiled is null)
        {
            ScorePooled(data, result);
            return result;
        }

        var dims = _package.Encoder.Dimension;
        if (data.RowCount <= PooledRowsLimit)
        {
            // An online request: scored on the request's own thread, no Parallel.For hand-off or pool of its own.
            var small = ArrayPool<float>.Shared.Rent(Math.Max(1, data.RowCount * dims));
            try
            {
                EncodeAndScore(data, 0, data.RowCount, small, result);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(small);
            }

            return result;
        }

        var chunks = (data.RowCount + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ChunkRows;
            var count = Math.Min(ChunkRows, data.RowCount - start);
            var block = ArrayPool<float>.Shared.Rent(count * dims);
            try
            {
                EncodeAndScore(data, start, count, block, result.AsSpan(start, count));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(block);
            }
        });
        return result;
    }

    /// <summary>
    /// Scores every row of <paramref name="data"/> on the calling thread into <paramref name="destination"/>, for callers
    /// that already run chunks in parallel (file scoring); throws <see cref="ArgumentException"/> when <see cref="Validate"/> would fail.
    /// </summary>
    public void ScoreInto(TabularData data, Span<float> destination)
    {
        if (Validate(data) is { } error)
        {
            throw new ArgumentException(error, nameof(data));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, data.RowCount, nameof(destination));
        var dims = _package.Encoder.Dimension;
        var block = ArrayPool<float>.Shared.Rent(Math.Max(1, Math.Min(ChunkRows, data.RowCount) * dims));
        try
        {
            for (var start = 0; start < data.RowCount; start += ChunkRows)
            {
                var count = Math.Min(ChunkRows, data.RowCount - start);
                EncodeAndScore(data, start, count, block, destination.Slice(start, count));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
        }
    }

    /// <summary>
    /// Scores <paramref name="rows"/> rows already encoded by <see cref="CellEncoder"/> (row-major, <see cref="CellEncoder.Width"/>
    /// floats each) on the calling thread: the compiled scorer, or ML.NET's transformer for a model shape without one.
    /// </summary>
    public void ScoreEncoded(float[] block, int rows, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(block);
        var dims = _package.Encoder.Dimension;
        ArgumentOutOfRangeException.ThrowIfLessThan(block.Length, rows * dims, nameof(block));
        if (rows == 0)
        {
            return;
        }

        if (_compiled is not null)
        {
            _compiled.Score(block, dims, rows, destination);
        }
        else
        {
            ModelScorer.Predict(_package.Model, block, dims, rows, destination);
        }
    }

    /// <summary>Encodes rows [start, start + count) into <paramref name="block"/> and scores them into <paramref name="destination"/>.</summary>
    private void EncodeAndScore(TabularData data, int start, int count, float[] block, Span<float> destination)
    {
        var dims = _package.Encoder.Dimension;
        _package.Encoder.Encode(data, start, count, block);
        if (_compiled is not null)
        {
            _compiled.Score(block, dims, count, destination);
        }
        else
        {
            ModelScorer.Predict(_package.Model, block, dims, count, destination);
        }
    }

    private void ScorePooled(TabularData data, float[] result)
    {
        var slot = _pool.Get();
        try
        {
            for (var row = 0; row < data.RowCount; row++)
            {
                _package.Encoder.Encode(data, row, 1, slot.Input.Features);
                var output = slot.Output;
                slot.Engine.Predict(slot.Input, ref output);
                slot.Output = output;
                result[row] = output.Probability;
            }
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    private static ICompiledScorer? Verified(ICompiledScorer? compiled, ModelPackage package)
    {
        if (compiled is null)
        {
            return null;
        }

        // Any disagreement with ML.NET (a model shape this code does not know) silently keeps the ML.NET path.
        var dims = package.Encoder.Dimension;
        var probes = compiled.ProbeVectors(dims, ProbeRows, seed: 17);
        var expected = new float[ProbeRows];
        var actual = new float[ProbeRows];
        ModelScorer.Predict(package.Model, probes, dims, ProbeRows, expected);
        compiled.Score(probes, dims, ProbeRows, actual);
        return expected.AsSpan().SequenceEqual(actual) ? compiled : null;
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();
}
