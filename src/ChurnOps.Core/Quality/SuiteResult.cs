using System.Text.Json.Serialization;

namespace ChurnOps.Core.Quality;

/// <summary>A validation of one table against a suite: GE's success, results and statistics.</summary>
public sealed record SuiteResult(
    [property: JsonPropertyName("suite")] string Suite,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("results")] IReadOnlyList<ExpectationResult> Results,
    [property: JsonPropertyName("statistics")] SuiteStatistics Statistics)
{
    public static SuiteResult Of(string suite, string table, IReadOnlyList<ExpectationResult> results) =>
        new(suite, table, results.All(r => r.Success), results, SuiteStatistics.Of(results));
}
