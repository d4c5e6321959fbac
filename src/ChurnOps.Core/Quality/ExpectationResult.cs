using System.Text.Json.Serialization;

namespace ChurnOps.Core.Quality;

/// <summary>One expectation's outcome in Great Expectations' result shape (snake_case in JSON).</summary>
public sealed record ExpectationResult
{
    [JsonPropertyName("expectation_config")]
    public required Expectation Expectation { get; init; }

    [JsonPropertyName("success")]
    public required bool Success { get; init; }

    [JsonPropertyName("element_count")]
    public long? ElementCount { get; init; }

    [JsonPropertyName("missing_count")]
    public long? MissingCount { get; init; }

    [JsonPropertyName("missing_percent")]
    public double? MissingPercent { get; init; }

    [JsonPropertyName("unexpected_count")]
    public long? UnexpectedCount { get; init; }

    /// <summary>Over non-null values (over all rows for not_null, where nulls are the unexpected values).</summary>
    [JsonPropertyName("unexpected_percent")]
    public double? UnexpectedPercent { get; init; }

    [JsonPropertyName("unexpected_percent_total")]
    public double? UnexpectedPercentTotal { get; init; }

    [JsonPropertyName("unexpected_percent_nonmissing")]
    public double? UnexpectedPercentNonmissing { get; init; }

    /// <summary>Up to 20 unexpected values.</summary>
    [JsonPropertyName("partial_unexpected_list")]
    public IReadOnlyList<object?>? PartialUnexpectedList { get; init; }

    [JsonPropertyName("observed_value")]
    public object? ObservedValue { get; init; }

    /// <summary>Set when the expectation could not be evaluated (a missing column, an unknown type).</summary>
    [JsonPropertyName("exception_message")]
    public string? ExceptionMessage { get; init; }
}
