using System.Globalization;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// Turns a contract's column rules into SQL over raw text columns: the typed value of each column (cast once, kept as
/// <c>__t_&lt;column&gt;</c>) and one expression per rule that yields the rule's name when a row breaks it (NULL otherwise).
/// Everything runs in the warehouse.
/// </summary>
internal static class ContractRowRules
{
    public const string TypedPrefix = "__t_";

    /// <summary>The name of a column's typed value in the checked table.</summary>
    public static string Typed(ContractProperty property) => SqlIdentifier.Quote(TypedPrefix + property.Name);

    /// <summary>
    /// The typed value of a raw text column. Timestamps longer than "yyyy-MM-dd HH:mm:ss" may carry an offset, so they
    /// go through TIMESTAMPTZ (converted to UTC); plain ones take the cheaper TIMESTAMP cast.
    /// </summary>
    public static string TypedValue(ContractProperty property)
    {
        var column = SqlIdentifier.Quote(property.Name);
        var type = ContractTypes.WarehouseType(property);
        return type switch
        {
            "VARCHAR" => column,
            "TIMESTAMP" => $"(CASE WHEN length({column}) > 19 THEN CAST(TRY_CAST({column} AS TIMESTAMPTZ) AS TIMESTAMP) ELSE TRY_CAST({column} AS TIMESTAMP) END)",
            // TRY_CAST rounds '1.5' to 2; an integer column must hold integer text.
            _ when ContractTypes.IsInteger(type) => $"(CASE WHEN regexp_full_match({column}, '\\s*[+-]?[0-9]+\\s*') THEN TRY_CAST({column} AS {type}) END)",
            _ => $"TRY_CAST({column} AS {type})",
        };
    }

    /// <summary>Key column sets that must be unique within a load: each unique column, and the compound primary key.</summary>
    public static IReadOnlyList<IReadOnlyList<ContractProperty>> UniqueKeys(ContractSchema schema)
    {
        var keys = new List<IReadOnlyList<ContractProperty>>();
        var primaryKey = schema.PrimaryKey;
        foreach (var property in schema.Properties.Where(p => p.Unique || (p.PrimaryKey && primaryKey.Count == 1)))
        {
            keys.Add([property]);
        }

        if (primaryKey.Count > 1)
        {
            keys.Add(primaryKey);
        }

        return keys;
    }

    /// <summary>
    /// Every rule expression over the checked table's raw and typed columns, in column order. <paramref name="duplicateTables"/>
    /// names, per unique key, a table of the key values seen more than once in the load.
    /// </summary>
    public static IReadOnlyList<string> Expressions(ContractSchema schema, IReadOnlyList<string> duplicateTables)
    {
        var rules = new List<string>();
        foreach (var property in schema.Properties)
        {
            rules.AddRange(ForProperty(property));
        }

        var keys = UniqueKeys(schema);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var tuple = key.Count == 1 ? Typed(key[0]) : "(" + string.Join(", ", key.Select(Typed)) + ")";
            var values = key.Count == 1 ? "k0" : "(" + string.Join(", ", key.Select((_, j) => "k" + j.ToString(CultureInfo.InvariantCulture))) + ")";
            var name = key.Count == 1
                ? key[0].Name + ": duplicate within load"
                : $"primary key ({string.Join(", ", key.Select(p => p.Name))}): duplicate within load";
            rules.Add($"CASE WHEN {tuple} IN (SELECT {values} FROM {duplicateTables[i]}) THEN {SqlIdentifier.Literal(name)} END");
        }

        return rules;
    }

    /// <summary>The statement that fills a duplicate-key table from the checked rows (a hash aggregate, cheaper than a window).</summary>
    public static string DuplicatesSql(IReadOnlyList<ContractProperty> key, string target, string source)
    {
        var columns = string.Join(", ", key.Select((p, j) => $"{Typed(p)} AS k{j.ToString(CultureInfo.InvariantCulture)}"));
        var notNull = string.Join(" AND ", key.Select(p => Typed(p) + " IS NOT NULL"));
        var groupBy = string.Join(", ", key.Select((_, j) => (j + 1).ToString(CultureInfo.InvariantCulture)));
        return $"CREATE TEMP TABLE {target} AS SELECT {columns} FROM {source} WHERE {notNull} GROUP BY {groupBy} HAVING count(*) > 1";
    }

    private static IEnumerable<string> ForProperty(ContractProperty property)
    {
        var raw = SqlIdentifier.Quote(property.Name);
        var typed = Typed(property);
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
            yield return Rule($"NOT regexp_matches({raw}, {SqlIdentifier.Literal(pattern)})", "does not match pattern " + pattern);
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
            yield return Rule($"{typed} NOT IN ({ValueList(values, type)})", "not one of the valid values");
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
