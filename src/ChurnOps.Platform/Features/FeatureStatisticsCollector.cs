using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Profiles a built feature table in the warehouse: one aggregate scan for count, nulls, mean, std, min, max and
/// distinct of every feature, then one grouped query per feature for its histogram (10 equal-width bins for
/// numbers, the 20 most frequent values for text).
/// </summary>
internal static class FeatureStatisticsCollector
{
    public const int NumericBins = 10;
    public const int TopValues = 20;

    private static readonly string[] NumericTypes =
        ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL", "DECIMAL", "BOOLEAN"];

    public static bool IsNumeric(string sqlType) => NumericTypes.Any(t => sqlType.StartsWith(t, StringComparison.OrdinalIgnoreCase));

    public static async Task<IReadOnlyList<FeatureStatistics>> CollectAsync(IWarehouse warehouse, FeatureViewDefinition view, CancellationToken cancellationToken)
    {
        var columns = await warehouse.DescribeAsync("features", view.Name, cancellationToken).ConfigureAwait(false);
        var types = columns.ToDictionary(c => c.Name, c => c.SqlType, StringComparer.OrdinalIgnoreCase);
        var features = view.FeatureNames.Select(f => (Name: f, Numeric: types.TryGetValue(f, out var t) && IsNumeric(t))).ToArray();
        var table = SqlIdentifier.Qualified("features", view.Name);

        var sql = new StringBuilder("SELECT COUNT(*) AS __rows");
        for (var i = 0; i < features.Length; i++)
        {
            var column = SqlIdentifier.Quote(features[i].Name);
            var p = "s" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(", COUNT(").Append(column).Append(") AS __").Append(p).Append("_count")
               .Append(", COUNT(DISTINCT ").Append(column).Append(") AS __").Append(p).Append("_distinct");
            if (features[i].Numeric)
            {
                var value = "CAST(" + column + " AS DOUBLE PRECISION)";
                sql.Append(", AVG(").Append(value).Append(") AS __").Append(p).Append("_mean")
                   .Append(", STDDEV_SAMP(").Append(value).Append(") AS __").Append(p).Append("_std")
                   .Append(", MIN(").Append(value).Append(") AS __").Append(p).Append("_min")
                   .Append(", MAX(").Append(value).Append(") AS __").Append(p).Append("_max");
            }
        }

        sql.Append(" FROM ").Append(table);
        var summary = await warehouse.QueryAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
        var rows = (long)summary["__rows"].Numbers![0];
        var result = new List<FeatureStatistics>(features.Length);
        for (var i = 0; i < features.Length; i++)
        {
            var p = "s" + i.ToString(CultureInfo.InvariantCulture);
            var count = (long)summary["__" + p + "_count"].Numbers![0];
            var distinct = (long)summary["__" + p + "_distinct"].Numbers![0];
            if (!features[i].Numeric)
            {
                var top = await TextHistogramAsync(warehouse, table, features[i].Name, cancellationToken).ConfigureAwait(false);
                result.Add(new FeatureStatistics(features[i].Name, false, rows, rows - count, null, null, null, null, distinct, top));
                continue;
            }

            var mean = Value(summary, "__" + p + "_mean");
            var std = Value(summary, "__" + p + "_std");
            var min = Value(summary, "__" + p + "_min");
            var max = Value(summary, "__" + p + "_max");
            var histogram = min is { } lo && max is { } hi
                ? await NumericHistogramAsync(warehouse, table, features[i].Name, lo, hi, cancellationToken).ConfigureAwait(false)
                : [];
            result.Add(new FeatureStatistics(features[i].Name, true, rows, rows - count, mean, std, min, max, distinct, histogram));
        }

        return result;
    }

    private static double? Value(TabularData data, string column)
    {
        var value = data[column].Numbers![0];
        return double.IsNaN(value) ? null : value;
    }

    private static async Task<IReadOnlyList<HistogramBin>> NumericHistogramAsync(IWarehouse warehouse, string table, string feature, double min, double max, CancellationToken cancellationToken)
    {
        var column = "CAST(" + SqlIdentifier.Quote(feature) + " AS DOUBLE PRECISION)";
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [];
        }

        if (max <= min)
        {
            var n = await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL", cancellationToken).ConfigureAwait(false);
            return [new HistogramBin(min, max, null, Convert.ToInt64(n, CultureInfo.InvariantCulture))];
        }

        var width = (max - min) / NumericBins;
        var minText = SqlNumber.Double(min);
        var widthText = SqlNumber.Double(width);
        // The maximum itself falls in the last bin, so every non-null value is counted once.
        var sql = $"SELECT LEAST(CAST(FLOOR(({column} - {minText}) / {widthText}) AS BIGINT), {NumericBins - 1}) AS __bin, COUNT(*) AS __n FROM {table} WHERE {column} IS NOT NULL AND NOT isnan({column}) GROUP BY 1 ORDER BY 1";
        var data = await warehouse.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var counts = new long[NumericBins];
        for (var r = 0; r < data.RowCount; r++)
        {
            var bin = (int)Math.Clamp(data["__bin"].Numbers![r], 0, NumericBins - 1);
            counts[bin] += (long)data["__n"].Numbers![r];
        }

        return counts.Select((c, b) => new HistogramBin(min + (b * width), b == NumericBins - 1 ? max : min + ((b + 1) * width), null, c)).ToArray();
    }

    private static async Task<IReadOnlyList<HistogramBin>> TextHistogramAsync(IWarehouse warehouse, string table, string feature, CancellationToken cancellationToken)
    {
        var column = "CAST(" + SqlIdentifier.Quote(feature) + " AS VARCHAR)";
        var sql = $"SELECT {column} AS __value, COUNT(*) AS __n FROM {table} WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TopValues}";
        var data = await warehouse.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var bins = new List<HistogramBin>(data.RowCount);
        for (var r = 0; r < data.RowCount; r++)
        {
            bins.Add(new HistogramBin(null, null, data["__value"].Texts![r], (long)data["__n"].Numbers![r]));
        }

        return bins;
    }
}
