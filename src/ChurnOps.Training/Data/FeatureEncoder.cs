using ChurnOps.Core.Data;
using System.Runtime.CompilerServices;

namespace ChurnOps.Training.Data;

/// <summary>
/// Turns input columns into a dense float vector: numbers with mean imputation and a missing flag, timestamps as ages,
/// low-cardinality text one-hot, high-cardinality text hashed. Fitted on the train split only; label-free, so fitting it
/// once per run leaks nothing about the target into validation or test.
/// </summary>
internal sealed class FeatureEncoder
{
    private const double SecondsPerDay = 86_400;
    private readonly Dictionary<string, int>?[] _lookups;

    public FeatureEncoder(IReadOnlyList<EncodedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        Dimension = columns.Count == 0 ? 0 : columns[^1].Offset + columns[^1].Width;
        _lookups = new Dictionary<string, int>?[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Encoding == EncodingKind.OneHot)
            {
                var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < columns[c].Vocabulary.Count; i++)
                {
                    lookup[columns[c].Vocabulary[i]] = i;
                }

                _lookups[c] = lookup;
            }
        }
    }

    public IReadOnlyList<EncodedColumn> Columns { get; }

    public int Dimension { get; }

    public static FeatureEncoder Fit(TabularData data, IReadOnlyList<string> columns, IReadOnlyList<int> trainRows, int cardinalityCap)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(trainRows);
        var encoded = new List<EncodedColumn>(columns.Count);
        var offset = 0;
        foreach (var name in columns)
        {
            var column = data[name];
            var spec = column.IsText ? FitText(column, trainRows, cardinalityCap, offset) : FitNumber(column, trainRows, offset);
            encoded.Add(spec);
            offset += spec.Width;
        }

        return new FeatureEncoder(encoded);
    }

    /// <summary>Checks that a table carries every input column with a compatible kind; returns every problem, not just the first.</summary>
    public IReadOnlyList<string> Validate(TabularData data)
    {
        var errors = new List<string>();
        foreach (var spec in Columns)
        {
            if (!data.TryGetColumn(spec.Name, out var column))
            {
                errors.Add($"missing column '{spec.Name}'");
            }
            else if (column.IsText != (spec.Kind == ColumnKind.Text))
            {
                errors.Add($"column '{spec.Name}' must be {KindWord(spec.Kind)}, got {KindWord(column.Kind)}");
            }
        }

        return errors;
    }

    /// <summary>Encodes <paramref name="count"/> rows starting at <paramref name="start"/> into a row-major block (call <see cref="Validate"/> first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(TabularData data, int start, int count, Span<float> destination)
    {
        var dims = Dimension;
        destination[..(count * dims)].Clear();
        for (var c = 0; c < Columns.Count; c++)
        {
            var spec = Columns[c];
            var column = data[spec.Name];
            if (spec.Encoding == EncodingKind.Number)
            {
                var values = column.Numbers!;
                for (var r = 0; r < count; r++)
                {
                    WriteNumber(spec, values[start + r], destination.Slice(r * dims, dims));
                }
            }
            else
            {
                var texts = column.Texts!;
                for (var r = 0; r < count; r++)
                {
                    WriteText(c, spec, texts[start + r], destination.Slice(r * dims, dims));
                }
            }
        }
    }

    /// <summary>Encodes one row; every problem goes to <paramref name="errors"/> and the method returns false when there was any.</summary>
    public bool TryEncode(IReadOnlyDictionary<string, object?> row, Span<float> destination, List<string> errors)
    {
        destination[..Dimension].Clear();
        var ok = true;
        for (var c = 0; c < Columns.Count; c++)
        {
            var spec = Columns[c];
            if (!TryFind(row, spec.Name, out var raw))
            {
                errors.Add($"missing column '{spec.Name}'");
                ok = false;
                continue;
            }

            if (spec.Kind == ColumnKind.Text)
            {
                if (!RowValues.TryText(raw, out var text))
                {
                    errors.Add($"column '{spec.Name}' expects text, got {RowValues.Describe(raw)}");
                    ok = false;
                    continue;
                }

                if (ok)
                {
                    WriteText(c, spec, text, destination);
                }
            }
            else
            {
                if (!RowValues.TryNumber(raw, spec.Kind, out var number))
                {
                    errors.Add($"column '{spec.Name}' expects {KindWord(spec.Kind)}, got {RowValues.Describe(raw)}");
                    ok = false;
                    continue;
                }

                if (ok)
                {
                    WriteNumber(spec, number, destination);
                }
            }
        }

        return ok;
    }

    private static bool TryFind(IReadOnlyDictionary<string, object?> row, string name, out object? value)
    {
        if (row.TryGetValue(name, out value))
        {
            return true;
        }

        // Callers build dictionaries with any comparer; column names match case-insensitively like TabularData.
        foreach (var pair in row)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        return false;
    }

    private static void WriteNumber(EncodedColumn spec, double value, Span<float> row)
    {
        if (spec.Kind == ColumnKind.Timestamp && !double.IsNaN(value))
        {
            value = (spec.Reference - value) / SecondsPerDay;
        }

        if (!double.IsFinite(value))
        {
            row[spec.Offset] = (float)spec.Fill;
            if (spec.MissingIndicator)
            {
                row[spec.Offset + 1] = 1f;
            }

            return;
        }

        row[spec.Offset] = (float)value;
    }

    /// <summary>Writes one number of input column <paramref name="column"/> (NaN = missing) into an encoded row, as <see cref="Encode"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void EncodeNumber(int column, double value, Span<float> row) => WriteNumber(Columns[column], value, row);

    /// <summary>Writes one text cell of input column <paramref name="column"/> (untrimmed; empty or blank = missing) into an encoded row, as <see cref="Encode"/> does.</summary>
    internal void EncodeText(int column, ReadOnlySpan<char> value, Span<float> row) => WriteText(column, Columns[column], value, row);

    private void WriteText(int columnIndex, EncodedColumn spec, string? value, Span<float> row)
    {
        if (value is not null)
        {
            WriteText(columnIndex, spec, value.AsSpan(), row);
        }
    }

    // One code path for strings and raw cells, so a file scored without strings encodes exactly as a table does.
    private void WriteText(int columnIndex, EncodedColumn spec, ReadOnlySpan<char> value, Span<float> row)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return;
        }

        if (spec.Encoding == EncodingKind.OneHot)
        {
            var slot = _lookups[columnIndex]!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var index) ? index : spec.Width - 1;
            row[spec.Offset + slot] = 1f;
        }
        else
        {
            row[spec.Offset + (int)(StableHash(value) % (uint)spec.Width)] = 1f;
        }
    }

    private static EncodedColumn FitNumber(TabularColumn column, IReadOnlyList<int> rows, int offset)
    {
        var values = column.Numbers!;
        var reference = double.NegativeInfinity;
        if (column.Kind == ColumnKind.Timestamp)
        {
            foreach (var r in rows)
            {
                if (double.IsFinite(values[r]) && values[r] > reference)
                {
                    reference = values[r];
                }
            }

            reference = double.IsFinite(reference) ? reference : 0;
        }

        double sum = 0;
        var seen = 0;
        var missing = false;
        foreach (var r in rows)
        {
            var v = values[r];
            if (!double.IsFinite(v))
            {
                missing = true;
                continue;
            }

            sum += column.Kind == ColumnKind.Timestamp ? (reference - v) / SecondsPerDay : v;
            seen++;
        }

        return new EncodedColumn
        {
            Name = column.Name,
            Kind = column.Kind,
            Encoding = EncodingKind.Number,
            Offset = offset,
            Width = missing ? 2 : 1,
            Fill = seen == 0 ? 0 : sum / seen,
            MissingIndicator = missing,
            Reference = reference,
        };
    }

    private static EncodedColumn FitText(TabularColumn column, IReadOnlyList<int> rows, int cap, int offset)
    {
        var texts = column.Texts!;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var value = texts[r];
            if (!string.IsNullOrWhiteSpace(value))
            {
                var key = value.Trim();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (counts.Count > cap)
        {
            return new EncodedColumn { Name = column.Name, Kind = ColumnKind.Text, Encoding = EncodingKind.Hashed, Offset = offset, Width = cap };
        }

        var vocabulary = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray();
        return new EncodedColumn
        {
            Name = column.Name,
            Kind = ColumnKind.Text,
            Encoding = EncodingKind.OneHot,
            Offset = offset,
            Width = vocabulary.Length + 1,
            Vocabulary = vocabulary,
        };
    }

    /// <summary>FNV-1a over UTF-16 code units: string.GetHashCode is randomised per process, which would break saved models.</summary>
    private static uint StableHash(ReadOnlySpan<char> value)
    {
        var hash = 2166136261u;
        foreach (var ch in value)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash;
    }

    internal static string KindWord(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Boolean => "a boolean",
        ColumnKind.Timestamp => "a timestamp",
        _ => "a number",
    };
}
