using System.Globalization;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Features;

/// <summary>
/// The warehouse type a feature declares, in the data contracts' words: an ODCS <c>logical_type</c> (number → DOUBLE,
/// integer → BIGINT, …) and/or a <c>physical_type</c> (INTEGER, DOUBLE, DECIMAL(12,2)…), the physical one winning when
/// both are given and agree. Objects and arrays are not features.
/// </summary>
public static class FeatureStorageType
{
    private static readonly string[] FeatureLogicalTypes = ["string", "integer", "number", "boolean", "date", "timestamp", "time"];

    /// <summary>The canonical warehouse type, or null with no declaration; an error names what is wrong.</summary>
    public static (string? Type, string? Error) Resolve(string? logicalType, string? physicalType)
    {
        var logical = string.IsNullOrWhiteSpace(logicalType) ? null : logicalType.Trim().ToLowerInvariant();
        if (logical is not null && !FeatureLogicalTypes.Contains(logical))
        {
            return (null, $"logical_type '{logicalType}' is not one of {string.Join(", ", FeatureLogicalTypes)}");
        }

        if (string.IsNullOrWhiteSpace(physicalType))
        {
            return (logical is null ? null : ContractTypes.DefaultPhysicalType(logical), null);
        }

        var physical = ContractTypes.CanonicalPhysicalType(physicalType);
        if (physical is null)
        {
            return (null, $"physical_type '{physicalType}' is not a warehouse type (e.g. INTEGER, BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, BOOLEAN, DATE, TIMESTAMP)");
        }

        if (physical.StartsWith("DECIMAL(", StringComparison.Ordinal))
        {
            var digits = physical[8..^1].Split(',');
            var scale = 0;
            if (!int.TryParse(digits[0], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
                || (digits.Length > 1 && !int.TryParse(digits[1], NumberStyles.None, CultureInfo.InvariantCulture, out scale))
                || precision is < 1 or > 38 || scale > precision)
            {
                return (null, $"physical_type '{physicalType}' needs 1 <= precision <= 38 and scale <= precision");
            }

            physical = $"DECIMAL({precision},{scale})";
        }

        if (logical is not null && !Holds(logical, physical))
        {
            return (null, $"physical_type {physical} does not hold logical_type {logical}");
        }

        return (physical, null);
    }

    private static bool Holds(string logical, string physical) => logical switch
    {
        "integer" => ContractTypes.IsInteger(physical) || physical.EndsWith(",0)", StringComparison.Ordinal),
        "number" => ContractTypes.IsNumeric(physical),
        "string" => physical is "VARCHAR" or "UUID",
        "boolean" => physical == "BOOLEAN",
        "date" => physical == "DATE",
        "timestamp" => physical is "TIMESTAMP" or "TIMESTAMPTZ",
        "time" => physical == "TIME",
        _ => false,
    };
}
