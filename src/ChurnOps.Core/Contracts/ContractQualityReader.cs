using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>Reads ODCS (and DCS 1.1) <c>quality</c> lists; shared by tables and columns.</summary>
internal static class ContractQualityReader
{
    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal) { "library", "sql", "text", "custom" };

    /// <summary>Library rules ChurnOps evaluates; other names are kept but warned about.</summary>
    public static IReadOnlySet<string> LibraryRules { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "rowCount", "nullValues", "missingValues", "invalidValues", "validValues", "duplicateValues", "duplicateCount", "completeness",
    };

    private static readonly HashSet<string> Known = new(
        ["type", "rule", "metric", "name", "description", "dimension", "severity", "unit", "query", "engine", "validValues", "arguments", .. QualityComparison.Operators],
        StringComparer.Ordinal);

    public static IReadOnlyList<ContractQualityRule> Read(ContractYamlReader reader, YamlMappingNode owner, string path, bool columnLevel)
    {
        var seq = reader.Sequence(owner, "quality", path);
        if (seq is null)
        {
            return [];
        }

        var rules = new List<ContractQualityRule>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var at = $"{ContractYamlReader.Join(path, "quality")}[{i}]";
            if (seq.Children[i] is not YamlMappingNode map)
            {
                reader.Error(seq.Children[i], at, "must be an object");
                continue;
            }

            var rule = ReadOne(reader, map, at, columnLevel);
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static ContractQualityRule? ReadOne(ContractYamlReader reader, YamlMappingNode map, string at, bool columnLevel)
    {
        var type = reader.String(map, "type", at) ?? "library";
        // ODCS 3.1 renamed "rule" to "metric"; both are accepted.
        var ruleName = reader.String(map, "rule", at) ?? reader.String(map, "metric", at);
        if (!Types.Contains(type))
        {
            reader.Error(ContractYamlReader.Child(map, "type"), ContractYamlReader.Join(at, "type"), $"unknown quality type {ContractShapeChecker.Quote(type)} (expected library, sql, text or custom)");
            return null;
        }

        var arguments = reader.Mapping(map, "arguments", at);
        var validValues = reader.Strings(map, "validValues", at)
            ?? (arguments is null ? null : reader.Strings(arguments, "validValues", ContractYamlReader.Join(at, "arguments")));
        var comparison = ReadComparison(reader, map, at);
        var query = reader.String(map, "query", at);
        switch (type)
        {
            case "library" when ruleName is null:
                reader.Error(map, ContractYamlReader.Join(at, "rule"), "a library quality rule needs 'rule' (rowCount, nullValues, duplicateValues, invalidValues…)");
                return null;
            case "library" when !LibraryRules.Contains(ruleName):
                reader.Warning(ContractYamlReader.Child(map, "rule") ?? map, ContractYamlReader.Join(at, "rule"), $"library rule {ContractShapeChecker.Quote(ruleName)} is not evaluated by ChurnOps (kept as documentation)");
                break;
            case "library" when ruleName is "validValues" or "invalidValues" && validValues is null && comparison is null:
                reader.Warning(map, at, $"rule {ContractShapeChecker.Quote(ruleName ?? string.Empty)} has no validValues: ChurnOps does not evaluate it");
                break;
            case "library" when ruleName == "rowCount" && columnLevel:
                reader.Warning(map, at, "rowCount is a table-level rule: ChurnOps evaluates it only in the schema object's quality list");
                break;
            case "library" when ruleName is "rowCount" or "nullValues" or "missingValues" or "duplicateValues" or "duplicateCount" or "completeness" && comparison is null:
                reader.Warning(map, at, $"rule {ContractShapeChecker.Quote(ruleName ?? string.Empty)} has no numeric comparison (mustBe, mustBeGreaterThan, mustBeLessOrEqualTo, mustBeBetween…): ChurnOps does not evaluate it");
                break;
            case "sql" when string.IsNullOrWhiteSpace(query):
                reader.Error(map, ContractYamlReader.Join(at, "query"), "a sql quality rule needs 'query'");
                break;
            case "sql" when comparison is null:
                reader.Warning(map, at, "a sql quality rule without a numeric comparison for the query's result (mustBe, mustBeLessThan…) is not evaluated by ChurnOps");
                break;
        }

        if (type == "sql" && !string.IsNullOrWhiteSpace(query))
        {
            CheckQuery(reader, map, at, query, columnLevel);
        }

        var unit = reader.String(map, "unit", at);
        if (unit is not null && unit is not ("rows" or "percent"))
        {
            reader.Warning(ContractYamlReader.Child(map, "unit"), ContractYamlReader.Join(at, "unit"), $"ChurnOps measures in rows or percent; unit {ContractShapeChecker.Quote(unit)} is read as rows");
        }

        return new ContractQualityRule
        {
            Type = type,
            Rule = ruleName,
            Name = reader.String(map, "name", at),
            Description = reader.String(map, "description", at),
            Dimension = reader.String(map, "dimension", at),
            Severity = reader.String(map, "severity", at),
            Unit = unit,
            Query = query,
            Engine = reader.String(map, "engine", at),
            ValidValues = validValues,
            Comparison = comparison,
            Extensions = reader.KeepUnknown(map, at, Known),
        };
    }

    /// <summary>Refuses, at lint time, SQL that would not be allowed to run (lines are counted within the query).</summary>
    private static void CheckQuery(ContractYamlReader reader, YamlMappingNode map, string at, string query, bool columnLevel)
    {
        var node = ContractYamlReader.Child(map, "query") ?? map;
        var path = ContractYamlReader.Join(at, "query");
        var (sql, placeholderError) = Quality.SqlQualityPlaceholders.Expand(query, "\"t\"", columnLevel ? "\"c\"" : null);
        if (placeholderError is not null)
        {
            reader.Error(node, path, placeholderError);
        }

        // A block scalar (query: |) starts on the line after its key; a plain or quoted one on the key's line.
        var firstLine = node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded } ? ContractYamlReader.LineOf(node) + 1 : ContractYamlReader.LineOf(node);
        foreach (var problem in Quality.ReadOnlySqlGuard.Check(sql))
        {
            reader.ErrorAt(problem.Line == 0 ? ContractYamlReader.LineOf(node) : firstLine + problem.Line - 1, path, "query refused: " + problem.Message);
        }
    }

    private static QualityComparison? ReadComparison(ContractYamlReader reader, YamlMappingNode map, string at)
    {
        QualityComparison? found = null;
        foreach (var op in QualityComparison.Operators)
        {
            var node = ContractYamlReader.Child(map, op);
            if (node is null)
            {
                continue;
            }

            var path = ContractYamlReader.Join(at, op);
            if (found is not null)
            {
                reader.Warning(node, path, $"ChurnOps evaluates one comparison per rule ({found.Operator} is used; this one is ignored)");
                continue;
            }

            if (op is "mustBeBetween" or "mustNotBeBetween")
            {
                var bounds = reader.Strings(map, op, at);
                if (bounds is not { Count: 2 } || !TryNumber(bounds[0], out var lo) || !TryNumber(bounds[1], out var hi))
                {
                    reader.Error(node, path, "must be a list of two numbers [low, high]");
                    continue;
                }

                if (lo > hi)
                {
                    reader.Warning(node, path, $"low bound {bounds[0]} is above high bound {bounds[1]}: the rule can never pass");
                    continue;
                }

                found = new QualityComparison(op, lo, hi);
                continue;
            }

            // mustBe and mustNotBe may hold any value in ODCS; other operators' types are the schema checks' business.
            if (node is YamlScalarNode { Value: { } text } && TryNumber(text, out var value))
            {
                found = new QualityComparison(op, value);
            }
            else if (op is "mustBe" or "mustNotBe")
            {
                reader.Warning(node, path, $"ChurnOps compares numbers only; this {op} is not evaluated");
            }
            else
            {
                reader.Error(node, path, "must be a number");
            }
        }

        return found;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
}
