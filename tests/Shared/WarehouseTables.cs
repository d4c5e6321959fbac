using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Testing;

/// <summary>Loads a generated table into the warehouse the way files arrive in real life: as a CSV read by DuckDB (blank cells become NULL).</summary>
internal static class WarehouseTables
{
    public static async Task LoadAsync(IWarehouse warehouse, string schema, string table, TabularData data, string tempDir)
    {
        var path = Path.Combine(tempDir, table + ".csv");
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', data.Columns.Select(c => c.Name)));
        for (var r = 0; r < data.RowCount; r++)
        {
            csv.AppendLine(string.Join(',', data.Columns.Select(c => c.Numbers is { } n
                ? (double.IsNaN(n[r]) ? string.Empty : n[r].ToString(CultureInfo.InvariantCulture))
                : Quote(c.Texts![r]))));
        }

        await File.WriteAllTextAsync(path, csv.ToString());
        await warehouse.ExecuteAsync(
            $"CREATE TABLE {SqlIdentifier.Qualified(schema, table)} AS SELECT * FROM read_csv({SqlIdentifier.Literal(path)}, header = true)",
            CancellationToken.None);
    }

    private static string Quote(string? text) => text is null ? string.Empty : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
