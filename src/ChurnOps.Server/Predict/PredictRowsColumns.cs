using System.Text.Json;
using ChurnOps.Core.Data;

namespace ChurnOps.Server.Predict;

/// <summary>
/// The columns <see cref="PredictRowsReader"/> fills as it reads rows: one array per input (numbers start missing) and
/// one for the entity key, grown by doubling (a request is almost always one row), trimmed to the rows read at the end.
/// Built like the full parser's table: inputs in signature order, the entity key last when sent.
/// </summary>
internal sealed class PredictRowsColumns
{
    private readonly PredictRowsLayout _layout;
    private readonly double[]?[] _numbers;
    private readonly string?[]?[] _texts;
    private int _capacity;

    public PredictRowsColumns(PredictRowsLayout layout)
    {
        _layout = layout;
        _numbers = new double[]?[layout.EntityPosition + 1];
        _texts = new string?[]?[layout.EntityPosition + 1];
    }

    /// <summary>Makes sure row <paramref name="row"/> fits, growing every column when it does not.</summary>
    public void MakeRoomFor(int row)
    {
        if (row < _capacity)
        {
            return;
        }

        var capacity = Math.Max(1, _capacity * 2);
        for (var i = 0; i < _numbers.Length; i++)
        {
            if (i < _layout.EntityPosition && !_layout.IsText[i])
            {
                var numbers = _numbers[i];
                Array.Resize(ref numbers, capacity);
                numbers.AsSpan(_capacity).Fill(double.NaN);
                _numbers[i] = numbers;
            }
            else
            {
                var texts = _texts[i];
                Array.Resize(ref texts, capacity);
                _texts[i] = texts;
            }
        }

        _capacity = capacity;
    }

    /// <summary>Sets one cell from the value the reader is on; false for anything the full parser must judge.</summary>
    public bool TrySet(int position, int row, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (position == _layout.EntityPosition || _layout.IsText[position])
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            _texts[position]![row] = reader.GetString();
            return true;
        }

        var boolean = _layout.Inputs[position].DataKind == ColumnKind.Boolean;
        if (boolean && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            _numbers[position]![row] = reader.TokenType == JsonTokenType.True ? 1 : 0;
            return true;
        }

        // A number (a boolean column takes only 0 or 1); timestamps and NaN as text are the full parser's to read.
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var number) || !double.IsFinite(number) || (boolean && number is not (0 or 1)))
        {
            return false;
        }

        _numbers[position]![row] = number;
        return true;
    }

    /// <summary>The table of the first <paramref name="rows"/> rows, in signature order, the entity key last when sent.</summary>
    public TabularData Build(int rows, bool sentEntity)
    {
        var columns = new List<TabularColumn>(_layout.EntityPosition + 1);
        for (var i = 0; i < _layout.EntityPosition; i++)
        {
            var spec = _layout.Inputs[i];
            if (_layout.IsText[i])
            {
                columns.Add(TabularColumn.Text(spec.Name, Trim(_texts[i]!, rows)));
            }
            else
            {
                columns.Add(TabularColumn.Numeric(spec.Name, Trim(_numbers[i]!, rows), spec.DataKind == ColumnKind.Text ? ColumnKind.Numeric : spec.DataKind));
            }
        }

        if (sentEntity)
        {
            columns.Add(TabularColumn.Text(_layout.Entity, Trim(_texts[_layout.EntityPosition]!, rows)));
        }

        return new TabularData(columns);
    }

    private static T[] Trim<T>(T[] values, int rows)
    {
        if (values.Length != rows)
        {
            Array.Resize(ref values, rows);
        }

        return values;
    }
}
