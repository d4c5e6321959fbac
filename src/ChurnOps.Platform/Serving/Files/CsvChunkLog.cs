using System.Text;
using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>What `--log` keeps of a chunk: ids, probabilities and the parsed inputs as a table (monitoring compares them with the training set).</summary>
internal sealed class CsvChunkLog
{
    private const int MaxInternedPerColumn = 4096;
    private readonly CsvInputLayout _layout;
    private readonly double[]?[] _numbers;
    private readonly string?[]?[] _texts;
    private readonly Dictionary<string, string>?[] _interned;
    private readonly string?[] _ids;
    private readonly float[] _probabilities;

    public CsvChunkLog(CsvInputLayout layout, int capacity)
    {
        _layout = layout;
        var inputs = layout.Inputs.Count;
        _numbers = new double[inputs][];
        _texts = new string?[inputs][];
        _interned = new Dictionary<string, string>?[inputs];
        for (var i = 0; i < inputs; i++)
        {
            if (CsvInputLayout.IsText(layout.Inputs[i]))
            {
                _texts[i] = new string?[capacity];
                _interned[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else
            {
                _numbers[i] = new double[capacity];
                _numbers[i].AsSpan().Fill(double.NaN);
            }
        }

        _ids = new string?[capacity];
        _probabilities = new float[capacity];
    }

    public void Number(int input, int row, double value) => _numbers[input]![row] = value;

    /// <summary>Low-cardinality categories (the usual case) reuse one string per chunk instead of one per cell.</summary>
    public void Text(int input, int row, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var interned = _interned[input]!;
        if (!interned.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var text))
        {
            text = new string(value);
            if (interned.Count < MaxInternedPerColumn)
            {
                interned[text] = text;
            }
        }

        _texts[input]![row] = text;
    }

    public void Scored(int row, float probability, ReadOnlySpan<byte> rawId)
    {
        _probabilities[row] = probability;
        _ids[row] = rawId.Length >= 2 && rawId[0] == (byte)'"'
            ? Encoding.UTF8.GetString(rawId[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal)
            : Encoding.UTF8.GetString(rawId);
    }

    public string?[] Ids(int rows) => _ids[..rows];

    public float[] Probabilities(int rows) => _probabilities[..rows];

    public TabularData Table(int rows)
    {
        var columns = new List<TabularColumn>(_layout.Inputs.Count);
        for (var i = 0; i < _layout.Inputs.Count; i++)
        {
            columns.Add(_texts[i] is { } t
                ? TabularColumn.Text(_layout.Inputs[i].Name, t[..rows])
                : TabularColumn.Numeric(_layout.Inputs[i].Name, _numbers[i]![..rows], _layout.Inputs[i].DataKind));
        }

        return new TabularData(columns);
    }
}
