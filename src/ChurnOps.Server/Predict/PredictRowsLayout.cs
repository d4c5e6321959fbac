using System.Runtime.CompilerServices;
using System.Text;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Predict;

/// <summary>
/// A served model's inputs, and the entity key, as the native predict reader matches row keys: each name's UTF-8 bytes
/// (compared with the request's bytes, never decoded to a string), worked out once per signature.
/// </summary>
internal sealed class PredictRowsLayout
{
    private static readonly ConditionalWeakTable<IReadOnlyList<SignatureColumn>, PredictRowsLayout> Layouts = [];

    private readonly byte[][] _names;

    private PredictRowsLayout(IReadOnlyList<SignatureColumn> inputs, string entity)
    {
        Inputs = inputs;
        Entity = entity;
        _names = new byte[inputs.Count + 1][];
        for (var i = 0; i < inputs.Count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(inputs[i].Name);
        }

        _names[inputs.Count] = Encoding.UTF8.GetBytes(entity);
        EntityIsInput = inputs.Any(i => i.Name.Equals(entity, StringComparison.OrdinalIgnoreCase));
        IsText = [.. inputs.Select(i => string.Equals(i.Kind, "text", StringComparison.OrdinalIgnoreCase))];
    }

    public IReadOnlyList<SignatureColumn> Inputs { get; }

    /// <summary>Whether each input takes text (else numbers, booleans or timestamps).</summary>
    public IReadOnlyList<bool> IsText { get; }

    public string Entity { get; }

    /// <summary>The entity key's position: one past the inputs (a request may send it for the prediction log).</summary>
    public int EntityPosition => Inputs.Count;

    /// <summary>Whether the model takes the entity key as an input (then it is matched as that input).</summary>
    public bool EntityIsInput { get; }

    public static PredictRowsLayout Of(IReadOnlyList<SignatureColumn> inputs, string entity)
    {
        var layout = Layouts.GetValue(inputs, s => new PredictRowsLayout(s, entity));
        return string.Equals(layout.Entity, entity, StringComparison.Ordinal) ? layout : new PredictRowsLayout(inputs, entity);
    }

    /// <summary>
    /// The position an ASCII name matches case-insensitively (the first input, as the full parser finds it; else the
    /// entity key), or -1. A name only a non-ASCII case mapping would match is not found: the full parser reads that request.
    /// </summary>
    public int PositionOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(utf8Name, _names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
