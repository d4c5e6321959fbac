using System.Globalization;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// Turns a contract's column rules into SQL over raw text columns: one expression per rule that yields the rule's
/// name when a row breaks it (NULL otherwise), and the typed cast used for staging. Everything runs in the warehouse.
/// </summary>
internal static class ContractRowRules
{
    /// <summary>The typed value of a raw text column. Timestamps go through TIMESTAMPTZ so offsets are converted to UTC.</summary>
    public static string TypedValue(ContractProperty property)
    {
        var column = SqlIdentifier.Quote(property.Name);
        var type = ContractTypes.WarehouseType(property);
        return type switch
        {
            "VARCHAR" => column,
            "TIMESTAMP" => $"CAST(TRY_CAST({column} AS TIMESTAMPTZ) AS TIMESTAMP)",
            // TRY_CAST rounds '1.5' to 2; an integer column must hold integer text.
            _ when ContractTypes.IsInteger(type) => $"(CASE WHEN regexp_full_match({column}, '\\s*[+-]?[0-9]+\\s*') THEN TRY_CAST({column} AS {type}) END)",
            _ => $"TRY_CAST({column} AS {type})",
        };
    }

    /// <summary>Every rule expression for the schema's columns (and compound keys), in column order.</summary>
    public static IReadOnlyList<string> Expressions(ContractSchema schema)
    {
        var rules = new List<string>();
        foreach (var property in schema.Properties)
        {
            rules.AddRange(ForProperty(property, schema.PrimaryKey.Count == 1));
        }

        var key = schema.PrimaryKey;
        if (key.Count > 1)
        {
            var typed = string.Join(", ", key.Select(TypedValue));
            var notNull = string.Join(" AND ", key.Select(p => TypedValue(p) + " IS NOT NULL"));
            var name = $"primary key ({string.Join(", ", key.Select(p => p.Name))}): duplicate within load";
            rules.Add($"CASE WHEN {notNull} AND count(*) OVER (PARTITION BY {typed}) > 1 THEN {SqlIdentifier.Literal(name)} END");
        }

        return rules;
    }

    private static IEnumerable<string> ForProperty(ContractProperty property, bool singleKey)
    {
        var raw = SqlIdentifier.Quote(property.Name);
        var typed = TypedValue(property);
        var type = ContractTypes.WarehouseType(property);
        string Rule(string condition, string message) =>
            $"CASE WHEN {condition} THEN {SqlIdentifier.Literal(property.Name + ": " + message)} END";

        if (property.Required || property.PrimaryKey)
        {
            yield return Rule($"{raw} IS NULL", "required");
        }

        if (type != "VARCHAR")
        {
            yield return Rule($"{raw} IS NOT NULL AND {typed} IS NULL", "not a valid " + type);
        }

        if (property.Pattern is { } pattern)
        {
            yield return Rule($"{raw} IS NOT NULL AND NOT regexp_matches({raw}, {SqlIdentifier.Literal(pattern)})", "does not match pattern " + pattern);
        }

        if (ContractTypes.IsNumeric(type))
        {
            if (property.Minimum is { } min)
            {
                yield return Rule($"{typed} < {Number(min)}", "below minimum " + Number(min));
            }

            if (property.Maximum is { } max)
            {
                yield return Rule($"{typed} > {Number(max)}", "above maximum " + Number(max));
            }

            if (property.ExclusiveMinimum is { } xmin)
            {
                yield return Rule($"{typed} <= {Number(xmin)}", "not above exclusive minimum " + Number(xmin));
            }

            if (property.ExclusiveMaximum is { } xmax)
            {
                yield return Rule($"{typed} >= {Number(xmax)}", "not below exclusive maximum " + Number(xmax));
            }
        }

        if (property.MinLength is { } minLength)
        {
            yield return Rule($"length({raw}) < {minLength.ToString(CultureInfo.InvariantCulture)}", "shorter than " + minLength.ToString(CultureInfo.InvariantCulture));
        }

        if (property.MaxLength is { } maxLength)
        {
            yield return Rule($"length({raw}) > {maxLength.ToString(CultureInfo.InvariantCulture)}", "longer than " + maxLength.ToString(CultureInfo.InvariantCulture));
        }

        if (property.ValidValues is { Count: > 0 } values)
        {
            yield return Rule($"{typed} IS NOT NULL AND {typed} NOT IN ({ValueList(values, type)})", "not one of the valid values");
        }

        if (property.Unique || (property.PrimaryKey && singleKey))
        {
            yield return Rule($"{typed} IS NOT NULL AND count(*) OVER (PARTITION BY {typed}) > 1", "duplicate within load");
        }
    }

    /// <summary>Valid values as SQL literals of the column's type (numbers compare as numbers, so 1 matches "1.0").</summary>
    internal static string ValueList(IReadOnlyList<string> values, string type)
    {
        if (ContractTypes.IsNumeric(type) && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return string.Join(", ", values.Select(v => Number(double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))));
        }

        return string.Join(", ", values.Select(v => type == "VARCHAR" ? SqlIdentifier.Literal(v) : $"TRY_CAST({SqlIdentifier.Literal(v)} AS {type})"));
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
