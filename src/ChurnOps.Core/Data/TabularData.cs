namespace ChurnOps.Core.Data;

/// <summary>A column-oriented table passed between the warehouse, training, scoring and monitoring.</summary>
public sealed class TabularData
{
    private readonly Dictionary<string, TabularColumn> _byName;

    public TabularData(IReadOnlyList<TabularColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _byName = new Dictionary<string, TabularColumn>(columns.Count, StringComparer.OrdinalIgnoreCase);
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (column.Length != rows)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows, expected {rows}.", nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }

        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<TabularColumn> Columns { get; }

    public int RowCount { get; }

    public TabularColumn this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw new KeyNotFoundException($"No column named '{name}'.");

    public bool TryGetColumn(string name, out TabularColumn column) => _byName.TryGetValue(name, out column!);

    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>Rows chosen by index, in the given order (used for splits and sampling).</summary>
    public TabularData Take(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<TabularColumn>(Columns.Count);
        foreach (var column in Columns)
        {
            if (column.Numbers is { } numbers)
            {
                var picked = new double[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    picked[i] = numbers[rows[i]];
                }

                columns.Add(TabularColumn.Numeric(column.Name, picked, column.Kind));
            }
            else
            {
                var texts = column.Texts!;
                var picked = new string?[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    picked[i] = texts[rows[i]];
                }

                columns.Add(TabularColumn.Text(column.Name, picked));
            }
        }

        return new TabularData(columns);
    }
}
