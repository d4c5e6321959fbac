namespace ChurnOps.Core.Quality;

/// <summary>The Great Expectations core expectations ChurnOps evaluates, by their GE names.</summary>
public static class ExpectationType
{
    public const string ColumnToExist = "expect_column_to_exist";
    public const string NotNull = "expect_column_values_to_not_be_null";
    public const string Unique = "expect_column_values_to_be_unique";
    public const string Between = "expect_column_values_to_be_between";
    public const string InSet = "expect_column_values_to_be_in_set";
    public const string NotInSet = "expect_column_values_to_not_be_in_set";
    public const string MatchRegex = "expect_column_values_to_match_regex";
    public const string NotMatchRegex = "expect_column_values_to_not_match_regex";
    public const string OfType = "expect_column_values_to_be_of_type";
    public const string LengthsBetween = "expect_column_value_lengths_to_be_between";
    public const string MeanBetween = "expect_column_mean_to_be_between";
    public const string MinBetween = "expect_column_min_to_be_between";
    public const string MaxBetween = "expect_column_max_to_be_between";
    public const string MedianBetween = "expect_column_median_to_be_between";
    public const string StdevBetween = "expect_column_stdev_to_be_between";
    public const string RowCountBetween = "expect_table_row_count_to_be_between";
    public const string CompoundUnique = "expect_compound_columns_to_be_unique";

    /// <summary>An ODCS <c>type: sql</c> rule: one read-only query whose single number must satisfy a comparison (not a GE name).</summary>
    public const string SqlQueryResult = "expect_sql_query_result_to_satisfy";

    /// <summary>Expectations evaluated per row (they have element/unexpected counts and honour mostly).</summary>
    public static IReadOnlySet<string> ColumnMap { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        NotNull, Unique, Between, InSet, NotInSet, MatchRegex, NotMatchRegex, LengthsBetween, CompoundUnique,
    };

    /// <summary>Expectations on one aggregate (they have an observed value).</summary>
    public static IReadOnlySet<string> Aggregate { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MeanBetween, MinBetween, MaxBetween, MedianBetween, StdevBetween, RowCountBetween,
    };

    public static bool IsKnown(string type) => ColumnMap.Contains(type) || Aggregate.Contains(type) || type is ColumnToExist or OfType or SqlQueryResult;
}
