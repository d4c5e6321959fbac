namespace ChurnOps.Core.Quality;

/// <summary>
/// Great Expectations' arithmetic, kept apart from SQL so it is tested value by value: percentages, <c>mostly</c>,
/// empty tables, and between with strict bounds.
/// </summary>
public static class ExpectationOutcome
{
    /// <summary>
    /// A column-map result. Nulls are not evaluated (except by not_null, whose unexpected values are the nulls), so
    /// unexpected_percent and mostly are over non-null values; with no non-null value the expectation succeeds.
    /// </summary>
    public static ExpectationResult ColumnMap(Expectation expectation, long elementCount, long missingCount, long unexpectedCount, IReadOnlyList<object?> partialUnexpected)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        var nullsAreUnexpected = expectation.Type == ExpectationType.NotNull;
        var domain = nullsAreUnexpected ? elementCount : elementCount - missingCount;
        double? Percent(long part, long whole) => whole == 0 ? null : 100.0 * part / whole;
        var mostly = expectation.Mostly ?? 1.0;
        var success = domain == 0 || (double)(domain - unexpectedCount) / domain >= mostly;
        return new ExpectationResult
        {
            Expectation = expectation,
            Success = success,
            ElementCount = elementCount,
            MissingCount = nullsAreUnexpected ? null : missingCount,
            MissingPercent = nullsAreUnexpected ? null : Percent(missingCount, elementCount),
            UnexpectedCount = unexpectedCount,
            UnexpectedPercent = Percent(unexpectedCount, domain),
            UnexpectedPercentTotal = Percent(unexpectedCount, elementCount),
            UnexpectedPercentNonmissing = nullsAreUnexpected ? null : Percent(unexpectedCount, elementCount - missingCount),
            PartialUnexpectedList = partialUnexpected.Take(20).ToList(),
        };
    }

    /// <summary>An aggregate result: success when the observed value lies within the bounds; a null observation (empty or all-null column) fails.</summary>
    public static ExpectationResult Aggregate(Expectation expectation, double? observed)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        return new ExpectationResult
        {
            Expectation = expectation,
            Success = observed is { } value && !double.IsNaN(value) && IsBetween(value, expectation),
            ObservedValue = observed is { } v && !double.IsNaN(v) ? v : null,
        };
    }

    /// <summary>GE's between: a missing bound is open; strict bounds exclude equality.</summary>
    public static bool IsBetween(double value, Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        if (expectation.MinValue is { } min && (expectation.StrictMin ? value <= min : value < min))
        {
            return false;
        }

        return expectation.MaxValue is not { } max || (expectation.StrictMax ? value < max : value <= max);
    }

    public static ExpectationResult Failed(Expectation expectation, string message, object? observed = null) => new()
    {
        Expectation = expectation,
        Success = false,
        ObservedValue = observed,
        ExceptionMessage = message,
    };
}
