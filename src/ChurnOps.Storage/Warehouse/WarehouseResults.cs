using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Reads a query's rows into columns, the same way for every engine's ADO.NET reader: text stays text; numbers,
/// booleans (1/0) and times (Unix seconds) become doubles with NaN for NULL. 128-bit integers (DuckDB's HUGEINT, what
/// SUM of BIGINT gives) arrive as BigInteger, PostgreSQL's NUMERIC as decimal; both are converted once, here.
/// </summary>
internal static class WarehouseResults
{
    /// <summary>Every remaining row of <paramref name="reader"/>, as columns named as the reader names them.</summary>
    public static async Task<TabularData> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var fieldCount = reader.FieldCount;
        var kinds = new ColumnKind[fieldCount];
        var numbers = new List<double>?[fieldCount];
        var texts = new List<string?>?[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            kinds[i] = KindOf(reader.GetFieldType(i));
            if (kinds[i] == ColumnKind.Text)
            {
                texts[i] = [];
            }
            else
            {
                numbers[i] = [];
            }
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < fieldCount; i++)
            {
                var isNull = reader.IsDBNull(i);
                switch (kinds[i])
                {
                    case ColumnKind.Text:
                        texts[i]!.Add(isNull ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                        break;
                    case ColumnKind.Boolean:
                        numbers[i]!.Add(isNull ? double.NaN : reader.GetBoolean(i) ? 1 : 0);
                        break;
                    case ColumnKind.Timestamp:
                        numbers[i]!.Add(isNull ? double.NaN : ToUnixSeconds(reader.GetValue(i)));
                        break;
                    default:
                        numbers[i]!.Add(isNull ? double.NaN : ToDouble(reader.GetValue(i)));
                        break;
                }
            }
        }

        var columns = new List<TabularColumn>(fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            var name = reader.GetName(i);
            columns.Add(kinds[i] == ColumnKind.Text
                ? TabularColumn.Text(name, [.. texts[i]!])
                : TabularColumn.Numeric(name, [.. numbers[i]!], kinds[i]));
        }

        return new TabularData(columns);
    }

    // BigInteger is not IConvertible.
    private static double ToDouble(object value) => value is System.Numerics.BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static double ToUnixSeconds(object value) => value switch
    {
        DateTime dt => (DateTime.SpecifyKind(dt, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds,
        DateTimeOffset dto => dto.ToUnixTimeMilliseconds() / 1000.0,
        DateOnly d => (d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds,
        _ => double.NaN,
    };

    private static ColumnKind KindOf(Type type)
    {
        if (type == typeof(bool))
        {
            return ColumnKind.Boolean;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly))
        {
            return ColumnKind.Timestamp;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal => ColumnKind.Numeric,
            _ when type == typeof(System.Numerics.BigInteger) => ColumnKind.Numeric,
            _ => ColumnKind.Text,
        };
    }
}
