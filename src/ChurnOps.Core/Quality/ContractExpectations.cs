using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Quality;

/// <summary>Derives the expectation suite a contract implies for its table (what <c>churnops contract test</c> runs).</summary>
public static class ContractExpectations
{
    public static IReadOnlyList<Expectation> For(DataContract contract, ContractSchema schema)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(schema);
        var list = new List<Expectation>();
        var source = $"contract {contract.Id} {contract.Version}";
        foreach (var p in schema.Properties)
        {
            list.Add(new Expectation(ExpectationType.ColumnToExist) { Column = p.Name, Source = source });
            list.Add(new Expectation(ExpectationType.OfType) { Column = p.Name, TypeName = ContractTypes.WarehouseType(p), Source = source });
            if (p.Required || p.PrimaryKey)
            {
                list.Add(new Expectation(ExpectationType.NotNull) { Column = p.Name, Source = source });
            }

            if (p.Unique || (p.PrimaryKey && schema.PrimaryKey.Count == 1))
            {
                list.Add(new Expectation(ExpectationType.Unique) { Column = p.Name, Source = source });
            }

            if (p.Minimum is not null || p.Maximum is not null || p.ExclusiveMinimum is not null || p.ExclusiveMaximum is not null)
            {
                list.Add(new Expectation(ExpectationType.Between)
                {
                    Column = p.Name,
                    MinValue = p.ExclusiveMinimum ?? p.Minimum,
                    StrictMin = p.ExclusiveMinimum is not null,
                    MaxValue = p.ExclusiveMaximum ?? p.Maximum,
                    StrictMax = p.ExclusiveMaximum is not null,
                    Source = source,
                });
            }

            if (p.ValidValues is { Count: > 0 })
            {
                list.Add(new Expectation(ExpectationType.InSet) { Column = p.Name, ValueSet = p.ValidValues, Source = source });
            }

            if (p.Pattern is not null)
            {
                list.Add(new Expectation(ExpectationType.MatchRegex) { Column = p.Name, Regex = p.Pattern, Source = source });
            }

            if (p.MinLength is not null || p.MaxLength is not null)
            {
                list.Add(new Expectation(ExpectationType.LengthsBetween) { Column = p.Name, MinValue = p.MinLength, MaxValue = p.MaxLength, Source = source });
            }

            foreach (var rule in p.Quality)
            {
                if (rule.Rule is "nullValues" or "missingValues" && rule.Comparison is { } c && rule.Unit == "percent" && c.Operator.StartsWith("mustBeLess", StringComparison.Ordinal))
                {
                    // "at most X% nulls" is not_null with mostly = 1 - X/100.
                    list.Add(new Expectation(ExpectationType.NotNull) { Column = p.Name, Mostly = 1 - (c.Value / 100), Source = source + ": " + rule.Describe() });
                }
                else if (rule.Rule is "duplicateValues" or "duplicateCount" && rule.Comparison is { Value: 0 })
                {
                    list.Add(new Expectation(ExpectationType.Unique) { Column = p.Name, Source = source + ": " + rule.Describe() });
                }
                else if (SqlRule(rule, p.Name, source) is { } sql)
                {
                    list.Add(sql);
                }
            }
        }

        if (schema.PrimaryKey.Count > 1)
        {
            list.Add(new Expectation(ExpectationType.CompoundUnique) { Columns = schema.PrimaryKey.Select(p => p.Name).ToList(), Source = source });
        }

        foreach (var rule in schema.Quality.Where(q => q.Rule == "rowCount" && q.Comparison is not null))
        {
            var c = rule.Comparison!;
            var (min, max, strictMin, strictMax) = c.Operator switch
            {
                "mustBeGreaterThan" => (c.Value, (double?)null, true, false),
                "mustBeGreaterOrEqualTo" or "mustBeGreaterThanOrEqualTo" => (c.Value, null, false, false),
                "mustBeLessThan" => ((double?)null, c.Value, false, true),
                "mustBeLessOrEqualTo" or "mustBeLessThanOrEqualTo" => (null, c.Value, false, false),
                "mustBeBetween" => (c.Value, c.UpperValue, false, false),
                "mustBe" => (c.Value, c.Value, false, false),
                _ => ((double?)null, (double?)null, false, false),
            };
            list.Add(new Expectation(ExpectationType.RowCountBetween) { MinValue = min, MaxValue = max, StrictMin = strictMin, StrictMax = strictMax, Source = source + ": " + rule.Describe() });
        }

        foreach (var rule in schema.Quality)
        {
            if (SqlRule(rule, null, source) is { } sql)
            {
                list.Add(sql);
            }
        }

        return list;
    }

    /// <summary>A <c>type: sql</c> rule with a query and a comparison; column-level rules fill <c>{property}</c> with their column.</summary>
    private static Expectation? SqlRule(ContractQualityRule rule, string? column, string source) =>
        rule is { Type: "sql", Query: { } query, Comparison: { } comparison } && !string.IsNullOrWhiteSpace(query)
            ? new Expectation(ExpectationType.SqlQueryResult) { Column = column, Query = query, Comparison = comparison, Name = rule.Name, Source = source + ": " + rule.Describe() }
            : null;
}
