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
    public static string TypedValue(IWarehouseDialect dialect, ContractProperty property)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var column = SqlIdentifier.Quote(property.Name);
        var type = ContractTypes.WarehouseType(property);
        return type switch
        {
            "VARCHAR" => column,
            "TIMESTAMP" => $"(CASE WHEN length({column}) > 19 THEN CAST({dialect.TryCast(column, "TIMESTAMPTZ")} AS TIMESTAMP) ELSE {dialect.TryCast(column, "TIMESTAMP")} END)",
            // TRY_CAST rounds '1.5' to 2; an integer column must hold integer text.
            _ when ContractTypes.IsInteger(type) => $"(CASE WHEN {dialect.RegexFullMatch(column, "'\\s*[+-]?[0-9]+\\s*'")} THEN {dialect.TryCast(column, type)} END)",
            _ => dialect.TryCast(column, type),
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
    /// The column that orders versions of a row, when the contract names one: the column of the table's freshness SLA
    /// (<c>element: customers.updated_at</c>), if it is a date or timestamp. Within one load, the newest row per primary
    /// key then wins and older copies are quarantined as superseded instead of every copy as a duplicate.
    /// </summary>
    public static ContractProperty? VersionColumn(DataContract contract, ContractSchema schema)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.PrimaryKey.Count == 0 || contract.FindSla("freshness")?.Element is not { Length: > 0 } element)
        {
            return null;
        }

        var dot = element.LastIndexOf('.');
        if (dot >= 0 && !string.Equals(element[..dot], schema.Name, StringComparison.OrdinalIgnoreCase) && !string.Equals(element[..dot], schema.TableName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var column = schema.FindProperty(element[(dot + 1)..]);
        return column is not null && ContractTypes.WarehouseType(column) is "TIMESTAMP" or "DATE" && !column.PrimaryKey ? column : null;
    }

    /// <summary>
    /// Every rule expression over the checked table's raw and typed columns, in column order. <paramref name="duplicateTables"/>
    /// names, per unique key, a table of the key values seen more than once in the load (for the primary key with a
    /// <paramref name="version"/> column, also its newest version and whether that newest version is tied).
    /// </summary>
    public static IReadOnlyList<string> Expressions(IWarehouseDialect dialect, ContractSchema schema, IReadOnlyList<string> duplicateTables, ContractProperty? version = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var rules = new List<string>();
        foreach (var property in schema.Properties)
        {
            rules.AddRange(ForProperty(dialect, property));
        }

        var keys = UniqueKeys(schema);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var tuple = key.Select(Typed).ToList();
            var values = key.Select((_, j) => "k" + j.ToString(CultureInfo.InvariantCulture)).ToList();
            var keyName = key.Count == 1 ? key[0].Name : $"primary key ({string.Join(", ", key.Select(p => p.Name))})";
            var duplicate = SqlIdentifier.Literal(keyName + ": duplicate within load");
            if (version is null || !IsPrimaryKey(key, schema))
            {
                rules.Add($"CASE WHEN {dialect.TupleIn(tuple, values, duplicateTables[i])} THEN {duplicate} END");
                continue;
            }

            // Newest wins; a tie at the newest version (or a row without a version) cannot be ordered, so it stays a duplicate.
            var t = Typed(version);
            var versioned = tuple.Append(t).ToList();
            var newest = values.Append("newest").ToList();
            var superseded = SqlIdentifier.Literal($"{keyName}: superseded within load by a newer {version.Name}");
            rules.Add($"""
                CASE WHEN {dialect.TupleIn(tuple, values, duplicateTables[i])} THEN
                    CASE WHEN {t} IS NULL OR {dialect.TupleIn(tuple, values, duplicateTables[i] + " WHERE tied")} THEN {duplicate}
                         WHEN {dialect.TupleIn(versioned, newest, duplicateTables[i])} THEN NULL
                         ELSE {superseded} END
                END
                """);
        }

        return rules;
    }

    /// <summary>The statement that fills a duplicate-key table from the checked rows (a hash aggregate, cheaper than a window).</summary>
    public static string DuplicatesSql(IReadOnlyList<ContractProperty> key, string target, string source) => DuplicatesSql(key, target, source, null);

    /// <summary>
    /// As above; with a <paramref name="version"/> column the table also holds each key's newest version and whether
    /// more than one row carries it (<c>tied</c>), counted over the duplicated keys only.
    /// </summary>
    public static string DuplicatesSql(IReadOnlyList<ContractProperty> key, string target, string source, ContractProperty? version)
    {
        ArgumentNullException.ThrowIfNull(key);
        var columns = string.Join(", ", key.Select((p, j) => $"{Typed(p)} AS k{j.ToString(CultureInfo.InvariantCulture)}"));
        var notNull = string.Join(" AND ", key.Select(p => Typed(p) + " IS NOT NULL"));
        var groupBy = string.Join(", ", key.Select((_, j) => (j + 1).ToString(CultureInfo.InvariantCulture)));
        if (version is null)
        {
            return $"CREATE TEMP TABLE {target} AS SELECT {columns} FROM {source} WHERE {notNull} GROUP BY {groupBy} HAVING count(*) > 1";
        }

        var k = string.Join(", ", key.Select((_, j) => "k" + j.ToString(CultureInfo.InvariantCulture)));
        var join = string.Join(" AND ", key.Select((_, j) => $"d.k{j.ToString(CultureInfo.InvariantCulture)} = s.k{j.ToString(CultureInfo.InvariantCulture)}"));
        var dk = string.Join(", ", key.Select((_, j) => "d.k" + j.ToString(CultureInfo.InvariantCulture)));
        return $"""
            CREATE TEMP TABLE {target} AS
            WITH s AS (SELECT {columns}, {Typed(version)} AS t FROM {source} WHERE {notNull}),
                 d AS (SELECT {k}, max(t) AS newest FROM s GROUP BY {groupBy} HAVING count(*) > 1)
            SELECT {dk}, d.newest, count(*) FILTER (WHERE s.t = d.newest) > 1 AS tied
            FROM d JOIN s ON {join}
            GROUP BY {dk}, d.newest
            """;
    }

    private static bool IsPrimaryKey(IReadOnlyList<ContractProperty> key, ContractSchema schema) =>
        key.Count == schema.PrimaryKey.Count && key.Select(p => p.Name).SequenceEqual(schema.PrimaryKey.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> ForProperty(IWarehouseDialect dialect, ContractProperty property)
    {
        var raw = SqlIdentifier.Quote(property.Name);
        var typed = Typed(property);
        var type = ContractTypes.WarehouseType(property);
        string Rule(string condition, string message) =>
            $"CASE WHEN {condition} THEN {SqlIdentifier.Literal(property.Name + ": " + message)} END";

        // Blank text in a number, date or timestamp column is a missing value (Telco's TotalCharges holds " "), not a bad one.
        if (property.Required || property.PrimaryKey)
        {
            yield return Rule(type == "VARCHAR" ? $"{raw} IS NULL" : $"({raw} IS NULL OR trim({raw}) = '')", "required");
        }

        if (type != "VARCHAR")
        {
            yield return Rule($"{raw} IS NOT NULL AND {typed} IS NULL AND trim({raw}) <> ''", "not a valid " + type);
        }

        if (property.Pattern is { } pattern)
        {
            yield return Rule($"NOT {dialect.RegexContains(raw, SqlIdentifier.Literal(pattern))}", "does not match pattern " + pattern);
        }

        if (ContractTypes.IsNumeric(type))
        {
            if (property.Minimum is { } min)
            {
                yield return Rule($"{typed} < {SqlNumber.Double(min)}", "below minimum " + Number(min));
            }

            if (property.Maximum is { } max)
            {
                yield return Rule($"{typed} > {SqlNumber.Double(max)}", "above maximum " + Number(max));
            }

            if (property.ExclusiveMinimum is { } xmin)
            {
                yield return Rule($"{typed} <= {SqlNumber.Double(xmin)}", "not above exclusive minimum " + Number(xmin));
            }

            if (property.ExclusiveMaximum is { } xmax)
            {
                yield return Rule($"{typed} >= {SqlNumber.Double(xmax)}", "not below exclusive maximum " + Number(xmax));
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
            yield return Rule($"{typed} NOT IN ({ValueList(dialect, values, type)})", "not one of the valid values");
        }
    }

    /// <summary>Valid values as SQL literals of the column's type (numbers compare as numbers, so 1 matches "1.0").</summary>
    internal static string ValueList(IWarehouseDialect dialect, IReadOnlyList<string> values, string type)
    {
        if (ContractTypes.IsNumeric(type) && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return string.Join(", ", values.Select(v => SqlNumber.Double(double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))));
        }

        return string.Join(", ", values.Select(v => type == "VARCHAR" ? SqlIdentifier.Literal(v) : dialect.TryCast(SqlIdentifier.Literal(v), type)));
    }

    /// <summary>A bound as people read it, for rule descriptions (the SQL uses <see cref="SqlNumber"/>).</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
