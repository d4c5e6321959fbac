using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>Consistency checks on a column and an SLA entry, shared by both standards.</summary>
internal static class ContractPropertyChecks
{
    public static void Check(ContractYamlReader reader, YamlMappingNode map, string at, ContractProperty property)
    {
        if (property.LogicalType is { } logical && !ContractTypes.LogicalTypes.Contains(logical))
        {
            reader.Error(ContractYamlReader.Child(map, "logicalType") ?? ContractYamlReader.Child(map, "type"), at + ".logicalType",
                $"unknown logical type {ContractShapeChecker.Quote(logical)} (expected one of {string.Join(", ", ContractTypes.LogicalTypes)})");
        }

        if (property.PhysicalType is { } physical && ContractTypes.CanonicalPhysicalType(physical) is null)
        {
            reader.Warning(ContractYamlReader.Child(map, "physicalType"), at + ".physicalType", $"physical type {ContractShapeChecker.Quote(physical)} is not a warehouse type ChurnOps loads; VARCHAR is used");
        }

        if (property.LogicalType is null && property.PhysicalType is null)
        {
            reader.Warning(map, at, "no logicalType or physicalType; the column is loaded as text");
        }

        if (property.Minimum is { } min && property.Maximum is { } max && min > max)
        {
            reader.Warning(map, at + ".logicalTypeOptions", $"minimum {min} is above maximum {max}: no row can pass");
        }

        if (property.MinLength is { } minLength && property.MaxLength is { } maxLength && minLength > maxLength)
        {
            reader.Warning(map, at + ".logicalTypeOptions", $"minLength {minLength} is above maxLength {maxLength}: no row can pass");
        }

        if (property.MinLength is < 0 || property.MaxLength is < 0)
        {
            reader.Error(map, at + ".logicalTypeOptions", "lengths must not be negative");
        }

        if (property.Pattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                // Any string is a valid pattern to the schema; ingest refuses the contract until it compiles.
                reader.Warning(map, at + ".logicalTypeOptions.pattern", $"not a regular expression ChurnOps can run, so ingest refuses this contract: {ContractShapeChecker.Bounded(ex.Message)}");
            }
        }

        if (property.PrimaryKey && !property.Required)
        {
            reader.Warning(map, at, "a primary key column should be required: true (nulls are quarantined anyway)");
        }

        if (property.ValidValues is { Count: 0 })
        {
            reader.Warning(map, at, "the list of valid values is empty; no row could pass");
        }
    }

    public static void CheckSla(ContractYamlReader reader, YamlMappingNode item, string at, ContractSlaProperty sla)
    {
        var property = sla.Property.ToUpperInvariant();
        // Any value and unit is valid ODCS; these are what ChurnOps can measure, so the rest is advice.
        if (property is "FRESHNESS" or "LATENCY" or "RETENTION" && sla.Duration is null)
        {
            reader.Warning(item, at, $"{sla.Property} is not checked by ChurnOps: it needs a numeric value and a time unit (y, mo, w, d, h, m, s), got {ContractShapeChecker.Quote(sla.Value)} {ContractShapeChecker.Quote(sla.Unit ?? string.Empty)}");
        }

        if (property is "COMPLETENESS" or "AVAILABILITY" && sla.NumericValue is not (>= 0 and <= 100))
        {
            reader.Warning(item, at, $"{sla.Property} is not checked by ChurnOps: it needs a percentage between 0 and 100, got {ContractShapeChecker.Quote(sla.Value)}");
        }
    }
}
