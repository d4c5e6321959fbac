using System.Text.Json;

namespace ChurnOps.Core.Tests.Monitoring.Drift;

/// <summary>The committed inputs and scipy's values for them (written by DriftExpected/make_expected.py).</summary>
internal static class ScipyExpectations
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Monitoring", "Drift", "DriftExpected", "drift_expected.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Cases => Root.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static string?[] Texts(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray();

    public static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>Equal to 1e-9 relative (exactly equal when scipy's value is 0).</summary>
    public static void AssertClose(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:R}, got null");
        var tolerance = 1e-9 * Math.Abs(expected);
        Assert.True(Math.Abs(actual!.Value - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual.Value:R} (relative {Math.Abs(actual.Value - expected) / Math.Abs(expected):E2})");
    }
}
