using System.Buffers;
using ChurnOps.Core.Data;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.ObjectPool;

namespace ChurnOps.Training;

/// <summary>
/// Scores rows with one packaged model, safely from many threads: single rows go through pooled PredictionEngines
/// (which are not thread-safe), batches are encoded and scored in parallel chunks through the shared transformer.
/// </summary>
public sealed class ScoringEngine : IDisposable
{
    private const int ChunkRows = 8192;
    private readonly ModelPackage _package;
    private readonly ObjectPool<ScoringSlot> _pool;

    public ScoringEngine(ModelPackage package, int poolSize)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        _package = package;
        _pool = new DefaultObjectPoolProvider { MaximumRetained = poolSize }.Create(new ScoringSlotPolicy(package));
    }

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

            var output = slot.Output;
            slot.Engine.Predict(slot.Input, ref output);
            slot.Output = output;
            var probability = output.Probability;
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
        var chunks = (data.RowCount + ChunkRows - 1) / ChunkRows;
        var dims = _package.Encoder.Dimension;
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ChunkRows;
            var count = Math.Min(ChunkRows, data.RowCount - start);
            var block = ArrayPool<float>.Shared.Rent(count * dims);
            try
            {
                _package.Encoder.Encode(data, start, count, block);
                ModelScorer.Predict(_package.Model, block, dims, count, result.AsSpan(start, count));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(block);
            }
        });
        return result;
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();
}
