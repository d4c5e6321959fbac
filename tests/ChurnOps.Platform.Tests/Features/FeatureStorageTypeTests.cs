using System.Globalization;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>
/// Feature tables keep the narrowest exact-enough type: DECIMALs wider than 18 digits become DOUBLE when every value is
/// small enough for the double to be exact-enough, and the training set then holds the very doubles the DECIMAL gave.
/// </summary>
public sealed class FeatureStorageTypeTests
{
    private const string Source = """
        CREATE TABLE staging.amounts (customer_id VARCHAR, event_timestamp TIMESTAMP, n BIGINT);
        INSERT INTO staging.amounts VALUES ('A', '2024-01-01', 3), ('B', '2024-01-02', -17), ('C', '2024-01-03', 123456789), ('D', '2024-01-04', NULL);
        """;

    private const string Values = """
        SELECT customer_id, event_timestamp,
               n * 1.1 AS scaled,
               CAST(n AS DECIMAL(30, 1)) * 100000000000000 AS huge,
               CAST(n AS DECIMAL(12, 2)) + 0.25 AS narrow
        FROM staging.amounts
        """;

    [Fact]
    public async Task BuildAsync_WideDecimals_DoubleWhenExactEnough_OthersKept_SameTrainingSetValues()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await project.WriteViewAsync("amounts", Values, features: ["scaled", "huge", "narrow"]);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        var sourceTypes = await project.Workspace.Warehouse.QueryAsync($"SELECT typeof(scaled) AS s, typeof(huge) AS h, typeof(narrow) AS n FROM ({Values}) LIMIT 1", CancellationToken.None);
        var asDecimal = await project.Workspace.Warehouse.QueryAsync($"SELECT scaled, huge, narrow FROM ({Values}) ORDER BY customer_id", CancellationToken.None);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        Assert.StartsWith("DECIMAL(2", sourceTypes["s"].Texts![0], StringComparison.Ordinal);
        Assert.StartsWith("DECIMAL(3", sourceTypes["h"].Texts![0], StringComparison.Ordinal);
        Assert.StartsWith("DECIMAL(1", sourceTypes["n"].Texts![0], StringComparison.Ordinal);
        var stored = await project.Workspace.Warehouse.DescribeAsync("features", "amounts", CancellationToken.None);
        Assert.Equal("DOUBLE", stored.Single(c => c.Name == "scaled").SqlType);
        Assert.Equal(sourceTypes["h"].Texts![0], stored.Single(c => c.Name == "huge").SqlType);
        Assert.Equal(sourceTypes["n"].Texts![0], stored.Single(c => c.Name == "narrow").SqlType);
        var set = await project.Store.GetTrainingSetAsync(
            "SELECT * FROM (VALUES ('A', TIMESTAMP '2024-01-05'), ('B', TIMESTAMP '2024-01-05'), ('C', TIMESTAMP '2024-01-05'), ('D', TIMESTAMP '2024-01-05')) t(customer_id, event_timestamp)",
            ["amounts"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        foreach (var name in new[] { "scaled", "huge", "narrow" })
        {
            Assert.Equal(asDecimal[name].Numbers!.Select(Bits), set.Data[name].Numbers!.Select(Bits));
        }

        Assert.Equal(3.3, set.Data["scaled"].Numbers![0]);
        Assert.Equal(135802467.9, set.Data["scaled"].Numbers![2]);
        Assert.True(double.IsNaN(set.Data["scaled"].Numbers![3]));
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture);
}
