using System.Text.RegularExpressions;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// The logical types of ODCS and the physical (warehouse SQL) types ChurnOps can load into. Physical types are
/// checked against this list before they ever reach SQL text.
/// </summary>
public static partial class ContractTypes
{
    public static IReadOnlySet<string> LogicalTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "string", "integer", "number", "boolean", "date", "timestamp", "time", "object", "array",
    };

    /// <summary>The warehouse type for a physical type name (VARCHAR, INT, DOUBLE, DECIMAL(10,2)…); null when unknown.</summary>
    public static string? CanonicalPhysicalType(string? physicalType)
    {
        if (string.IsNullOrWhiteSpace(physicalType))
        {
            return null;
        }

        var match = PhysicalPattern().Match(physicalType.Trim());
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value.ToUpperInvariant().Replace("  ", " ", StringComparison.Ordinal);
        var args = match.Groups["args"].Success ? match.Groups["args"].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
        string? canonical = name switch
        {
            "VARCHAR" or "STRING" or "TEXT" or "CHAR" or "NVARCHAR" or "CHARACTER VARYING" => "VARCHAR",
            "INT" or "INTEGER" or "INT4" => "INTEGER",
            "BIGINT" or "LONG" or "INT8" => "BIGINT",
            "SMALLINT" or "INT2" => "SMALLINT",
            "TINYINT" => "TINYINT",
            "DOUBLE" or "FLOAT8" or "DOUBLE PRECISION" or "FLOAT64" => "DOUBLE",
            "FLOAT" or "REAL" or "FLOAT4" => "FLOAT",
            "DECIMAL" or "NUMERIC" or "NUMBER" => args is null ? "DECIMAL(18,3)" : "DECIMAL(" + args + ")",
            "BOOLEAN" or "BOOL" => "BOOLEAN",
            "DATE" => "DATE",
            "TIMESTAMP" or "DATETIME" or "TIMESTAMP_NTZ" => "TIMESTAMP",
            "TIMESTAMPTZ" or "TIMESTAMP_TZ" or "TIMESTAMP WITH TIME ZONE" => "TIMESTAMPTZ",
            "TIME" => "TIME",
            "UUID" => "UUID",
            _ => null,
        };
        return canonical;
    }

    /// <summary>The default warehouse type for an ODCS logical type.</summary>
    public static string? DefaultPhysicalType(string? logicalType) => logicalType?.ToUpperInvariant() switch
    {
        "STRING" => "VARCHAR",
        "INTEGER" => "BIGINT",
        "NUMBER" => "DOUBLE",
        "BOOLEAN" => "BOOLEAN",
        "DATE" => "DATE",
        "TIMESTAMP" => "TIMESTAMP",
        "TIME" => "TIME",
        "OBJECT" or "ARRAY" => "VARCHAR",
        _ => null,
    };

    /// <summary>The warehouse type of a property: its physical type if known, else the default for its logical type, else VARCHAR.</summary>
    public static string WarehouseType(ContractProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return CanonicalPhysicalType(property.PhysicalType) ?? DefaultPhysicalType(property.LogicalType) ?? "VARCHAR";
    }

    public static bool IsNumeric(string warehouseType) =>
        warehouseType is "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT" or "DOUBLE" or "FLOAT" || warehouseType.StartsWith("DECIMAL", StringComparison.Ordinal);

    public static bool IsInteger(string warehouseType) => warehouseType is "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT";

    public static bool IsTemporal(string warehouseType) => warehouseType is "DATE" or "TIMESTAMP" or "TIMESTAMPTZ" or "TIME";

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z]+)*)\s*(?:\((?<args>\s*\d+\s*(?:,\s*\d+\s*)?)\))?$")]
    private static partial Regex PhysicalPattern();
}
