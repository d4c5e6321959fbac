using System.Runtime.CompilerServices;
using System.Text;
using ChurnOps.Training.Data;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// Encodes raw cells of the signature's inputs straight into a row-major block of model rows, with the very rules
/// <see cref="ScoringEngine.ScoreBatch"/> applies to a table, but without building one: file scoring parses a cell and
/// writes its features in one step, no string or column array per cell.
/// </summary>
public sealed class CellEncoder
{
    private readonly FeatureEncoder _encoder;

    /// <summary>Per signature input: the encoder column it feeds, or -1 when the model ignores it.</summary>
    private readonly int[] _columnOfInput;

    /// <summary>Per signature input with a small one-hot vocabulary: each category's UTF-8 bytes, in vocabulary order.</summary>
    private readonly byte[][]?[] _categoriesOfInput;

    internal CellEncoder(FeatureEncoder encoder, ModelSignature signature)
    {
        _encoder = encoder;
        _columnOfInput = new int[signature.Inputs.Count];
        _categoriesOfInput = new byte[][]?[signature.Inputs.Count];
        for (var i = 0; i < _columnOfInput.Length; i++)
        {
            _columnOfInput[i] = -1;
            for (var c = 0; c < encoder.Columns.Count; c++)
            {
                if (string.Equals(encoder.Columns[c].Name, signature.Inputs[i].Name, StringComparison.OrdinalIgnoreCase))
                {
                    _columnOfInput[i] = c;
                    if (encoder.Columns[c] is { Encoding: EncodingKind.OneHot, Vocabulary.Count: <= MaxScannedCategories } oneHot)
                    {
                        _categoriesOfInput[i] = oneHot.Vocabulary.Select(v => Encoding.UTF8.GetBytes(v)).ToArray();
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Up to this many categories a cell is matched by comparing bytes, before any decoding.</summary>
    private const int MaxScannedCategories = 16;

    /// <summary>Floats per encoded row.</summary>
    public int Width => _encoder.Dimension;

    /// <summary>A number (boolean, timestamp in Unix seconds) of signature input <paramref name="input"/>; NaN is missing. <paramref name="row"/> starts zeroed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(int input, double value, Span<float> row)
    {
        var column = _columnOfInput[input];
        if (column >= 0)
        {
            _encoder.EncodeNumber(column, value, row);
        }
    }

    /// <summary>A text cell of signature input <paramref name="input"/> as written (trimmed here; empty or blank is missing). <paramref name="row"/> starts zeroed.</summary>
    public void Text(int input, ReadOnlySpan<char> value, Span<float> row)
    {
        var column = _columnOfInput[input];
        if (column >= 0)
        {
            _encoder.EncodeText(column, value, row);
        }
    }

    /// <summary>
    /// A text cell given as UTF-8 bytes with nothing to unescape: when it is exactly one of a small vocabulary's
    /// categories (the usual case) its slot is set without decoding; returns false, having written nothing, otherwise
    /// (the caller then decodes the cell and calls <see cref="Text"/>). Categories are stored trimmed, so an exact
    /// byte match is the very category the trimmed text would find.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryKnownCategory(int input, ReadOnlySpan<byte> utf8, Span<float> row)
    {
        if (_categoriesOfInput[input] is not { } categories)
        {
            return false;
        }

        for (var i = 0; i < categories.Length; i++)
        {
            if (utf8.SequenceEqual(categories[i]))
            {
                row[_encoder.Columns[_columnOfInput[input]].Offset + i] = 1f;
                return true;
            }
        }

        return false;
    }
}
