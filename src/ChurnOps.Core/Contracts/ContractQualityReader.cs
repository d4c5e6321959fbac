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
            reader.Error(ContractYamlReader.Child(map, "type"), ContractYamlReader.Join(at, "type"), $"unknown quality type '{type}' (expected library, sql, text or custom)");
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
                reader.Error(map, at, "a library quality rule needs 'rule' (rowCount, nullValues, duplicateValues, invalidValues…)");
                return null;
            case "library" when !LibraryRules.Contains(ruleName):
                reader.Warning(ContractYamlReader.Child(map, "rule") ?? map, ContractYamlReader.Join(at, "rule"), $"library rule '{ruleName}' is not evaluated by ChurnOps (kept as documentation)");
                break;
            case "library" when ruleName is "validValues" or "invalidValues" && validValues is null && comparison is null:
                reader.Error(map, at, $"rule '{ruleName}' needs validValues");
                break;
            case "library" when ruleName == "rowCount" && columnLevel:
                reader.Error(map, at, "rowCount is a table-level rule; move it to the schema object's quality list");
                break;
            case "library" when ruleName is "rowCount" or "nullValues" or "missingValues" or "duplicateValues" or "duplicateCount" or "completeness" && comparison is null:
                reader.Error(map, at, $"rule '{ruleName}' needs a comparison (mustBe, mustBeGreaterThan, mustBeLessOrEqualTo, mustBeBetween…)");
                break;
            case "sql" when string.IsNullOrWhiteSpace(query):
                reader.Error(map, at, "a sql quality rule needs 'query'");
                break;
            case "sql" when comparison is null:
                reader.Error(map, at, "a sql quality rule needs a comparison for the query's result (mustBe, mustBeLessThan…)");
                break;
        }

        if (type == "sql" && !string.IsNullOrWhiteSpace(query))
        {
            CheckQuery(reader, map, at, query, columnLevel);
        }

        var unit = reader.String(map, "unit", at);
        if (unit is not null && unit is not ("rows" or "percent"))
        {
            reader.Error(ContractYamlReader.Child(map, "unit"), ContractYamlReader.Join(at, "unit"), $"unit must be rows or percent, not '{unit}'");
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
                reader.Error(node, path, $"only one comparison per rule ({found.Operator} is already given)");
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
                    reader.Error(node, path, $"low bound {bounds[0]} is above high bound {bounds[1]}");
                    continue;
                }

                found = new QualityComparison(op, lo, hi);
                continue;
            }

            var value = reader.Number(map, op, at);
            if (value is not null)
            {
                found = new QualityComparison(op, value.Value);
            }
        }

        return found;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
}
