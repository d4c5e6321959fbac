using System.Text.Json.Serialization;

namespace ChurnOps.Core.Quality;

/// <summary>GE's per-suite statistics; success_percent is null when nothing was evaluated.</summary>
public sealed record SuiteStatistics(
    [property: JsonPropertyName("evaluated_expectations")] int Evaluated,
    [property: JsonPropertyName("successful_expectations")] int Successful,
    [property: JsonPropertyName("unsuccessful_expectations")] int Unsuccessful,
    [property: JsonPropertyName("success_percent")] double? SuccessPercent)
{
    public static SuiteStatistics Of(IReadOnlyList<ExpectationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var successful = results.Count(r => r.Success);
        return new SuiteStatistics(results.Count, successful, results.Count - successful, results.Count == 0 ? null : 100.0 * successful / results.Count);
    }
}
