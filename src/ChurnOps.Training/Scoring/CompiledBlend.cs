using System.Buffers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// A blend (see Candidates/CandidateBlend) scored without ML.NET: each member by its own compiled form, their
/// probabilities laid side by side as the stack, and the stack by the compiled stacker (a normalised logistic
/// regression). The blend's chain is cut at its column copies and the concatenation: the pieces between are the
/// members, the piece after the concatenation is the stacker. Any piece without a compiled form leaves the blend to
/// ML.NET, and <see cref="ScoringEngine"/> checks the result bit for bit against ML.NET before using it.
/// </summary>
internal sealed class CompiledBlend : ICompiledScorer
{
    private readonly ICompiledScorer[] _members;
    private readonly ICompiledScorer _stacker;

    private CompiledBlend(ICompiledScorer[] members, ICompiledScorer stacker)
    {
        _members = members;
        _stacker = stacker;
    }

    public int MemberCount => _members.Length;

    public static CompiledBlend? TryCompile(ITransformer model)
    {
        if (model is not IEnumerable<ITransformer> chain)
        {
            return null;
        }

        var pieces = new List<List<ITransformer>>();
        var current = new List<ITransformer>();
        var concatenated = false;
        foreach (var part in chain)
        {
            if (part is ColumnCopyingTransformer or ColumnConcatenatingTransformer)
            {
                concatenated |= part is ColumnConcatenatingTransformer;
                if (current.Count > 0)
                {
                    pieces.Add(current);
                    current = [];
                }

                continue;
            }

            current.Add(part);
        }

        // The stacker must come after the concatenation and close the chain.
        if (!concatenated || current.Count == 0 || pieces.Count < 2 || chain.Last() is ColumnCopyingTransformer or ColumnConcatenatingTransformer)
        {
            return null;
        }

        var members = new ICompiledScorer[pieces.Count];
        for (var m = 0; m < pieces.Count; m++)
        {
            var member = Single(pieces[m]);
            if (member is IEnumerable<ITransformer> nested && nested.Any(p => p is ColumnCopyingTransformer or ColumnConcatenatingTransformer))
            {
                return null;
            }

            if (CompiledScorers.TryCompile(member) is not { } compiled || compiled is CompiledBlend)
            {
                return null;
            }

            members[m] = compiled;
        }

        return CompiledLinearModel.TryCompile(Single(current)) is { } stacker && stacker.Dimension == members.Length
            ? new CompiledBlend(members, stacker)
            : null;
    }

    public void Score(ReadOnlySpan<float> block, int dimension, int rows, Span<float> destination)
    {
        var width = _members.Length;
        var member = ArrayPool<float>.Shared.Rent(rows);
        var stack = ArrayPool<float>.Shared.Rent(rows * width);
        try
        {
            for (var m = 0; m < width; m++)
            {
                _members[m].Score(block, dimension, rows, member.AsSpan(0, rows));
                for (var r = 0; r < rows; r++)
                {
                    stack[(r * width) + m] = member[r];
                }
            }

            _stacker.Score(stack.AsSpan(0, rows * width), width, rows, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(member);
            ArrayPool<float>.Shared.Return(stack);
        }
    }

    /// <summary>Each member's own probes, in turn, so every member's split thresholds and paths are exercised.</summary>
    public float[] ProbeVectors(int dimension, int rows, int seed)
    {
        var probes = new float[rows * dimension];
        for (var m = 0; m < _members.Length; m++)
        {
            var own = _members[m].ProbeVectors(dimension, rows, seed + m);
            for (var r = m; r < rows; r += _members.Length)
            {
                own.AsSpan(r * dimension, dimension).CopyTo(probes.AsSpan(r * dimension, dimension));
            }
        }

        return probes;
    }

    /// <summary>The members, then the stacker; false when any of them cannot be stored.</summary>
    public bool TryWrite(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CompiledScorerForm.BlendKind);
        writer.Write(_members.Length);
        return _members.All(m => m.TryWrite(writer)) && _stacker.TryWrite(writer);
    }

    /// <summary>The blend <see cref="TryWrite"/> wrote, or null unless every member reads back and the stacker takes one value per member.</summary>
    internal static CompiledBlend? Read(BinaryReader reader, int dimension)
    {
        var count = reader.ReadInt32();
        if (count < 2 || count > 64)
        {
            return null;
        }

        var members = new ICompiledScorer[count];
        for (var m = 0; m < count; m++)
        {
            // A member is a tree ensemble or a linear model, never a blend of its own.
            ICompiledScorer? member = reader.ReadByte() switch
            {
                CompiledScorerForm.TreesKind => CompiledTreeEnsemble.Read(reader, dimension),
                CompiledScorerForm.LinearKind => CompiledLinearModel.Read(reader, dimension),
                _ => null,
            };
            if (member is null)
            {
                return null;
            }

            members[m] = member;
        }

        return reader.ReadByte() == CompiledScorerForm.LinearKind && CompiledLinearModel.Read(reader, count) is { } stacker ? new CompiledBlend(members, stacker) : null;
    }

    private static ITransformer Single(List<ITransformer> parts) =>
        parts.Count == 1 ? parts[0] : new TransformerChain<ITransformer>([.. parts]);
}
