using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Training;

/// <summary>
/// A test table the user holds out themselves (`train --test-table`): its rows are appended after the training rows,
/// column by column in the training table's order, and become the test split as given.
/// </summary>
internal static class HeldOutTable
{
    /// <summary>The training rows followed by the test rows; every training column must be in the test table with the same kind.</summary>
    public static (TabularData? Data, string? Error) Append(TabularData training, TabularData test, string testSource)
    {
        var missing = training.Columns.Where(c => !test.HasColumn(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            return (null, $"test table {testSource} has no column {string.Join(", ", missing.Select(m => "'" + m + "'"))}");
        }

        var mismatched = training.Columns.Where(c => test[c.Name].Kind != c.Kind)
            .Select(c => $"'{c.Name}' is {Word(c.Kind)} in the training table but {Word(test[c.Name].Kind)} there").ToList();
        if (mismatched.Count > 0)
        {
            return (null, $"test table {testSource}: {string.Join("; ", mismatched)}");
        }

        var columns = new List<TabularColumn>(training.Columns.Count);
        foreach (var column in training.Columns)
        {
            var other = test[column.Name];
            columns.Add(column.Numbers is { } numbers
                ? TabularColumn.Numeric(column.Name, [.. numbers, .. other.Numbers!], column.Kind)
                : TabularColumn.Text(column.Name, [.. column.Texts!, .. other.Texts!]));
        }

        return (new TabularData(columns), null);
    }

    private static string Word(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Boolean => "a boolean",
        ColumnKind.Timestamp => "a timestamp",
        _ => "a number",
    };
}
