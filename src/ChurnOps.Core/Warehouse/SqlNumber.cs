using System.Globalization;

namespace ChurnOps.Core.Warehouse;

/// <summary>
/// Writes a double into SQL text so the engine reads back exactly the same 64 bits. A bare literal such as
/// <c>0.30000000000000004</c> is an exact DECIMAL in DuckDB and NUMERIC in PostgreSQL, and turning that into a double
/// rounds twice (integer to double, then a division), which can land one ULP off; a string cast goes through the
/// engine's correctly rounded text-to-double parser instead.
/// </summary>
public static class SqlNumber
{
    public static string Double(double value)
    {
        var text = double.IsNaN(value) ? "NaN"
            : double.IsPositiveInfinity(value) ? "Infinity"
            : double.IsNegativeInfinity(value) ? "-Infinity"
            : value.ToString("R", CultureInfo.InvariantCulture);
        return $"CAST('{text}' AS DOUBLE PRECISION)";
    }
}
