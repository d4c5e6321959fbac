using System.Globalization;
using ChurnOps.Core.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>
/// Feature tables keep the narrowest exact-enough type: a feature that declares a type (logical_type / physical_type)
/// is stored in it when its values fit exactly, else the build fails naming a value; an undeclared DECIMAL wider than
/// 18 digits becomes DOUBLE when every value is small enough for the double to be exact-enough. Doubles reach the
/// training set bit for bit, never through text.
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

    private const string Entities =
        "SELECT * FROM (VALUES ('A', TIMESTAMP '2024-01-05'), ('B', TIMESTAMP '2024-01-05'), ('C', TIMESTAMP '2024-01-05'), ('D', TIMESTAMP '2024-01-05')) t(customer_id, event_timestamp)";

    /// <summary>Doubles a contract's `number` column may hold that a text round trip or a narrower type would change.</summary>
    private static readonly double?[] AwkwardDoubles = [0.1 + 0.2, 1.0 / 3, double.Epsilon, 1.2345678901234567e150, -1e-300, 123456789.123456789, Math.PI, null];

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
        var set = await project.Store.GetTrainingSetAsync(Entities, ["amounts"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        foreach (var name in new[] { "scaled", "huge", "narrow" })
        {
            Assert.Equal(asDecimal[name].Numbers!.Select(Bits), set.Data[name].Numbers!.Select(Bits));
        }

        Assert.Equal(3.3, set.Data["scaled"].Numbers![0]);
        Assert.Equal(135802467.9, set.Data["scaled"].Numbers![2]);
        Assert.True(double.IsNaN(set.Data["scaled"].Numbers![3]));
    }

    [Fact]
    public async Task BuildAsync_ContractDoubleDeclaredNumber_StaysDoubleBitExactInTrainingSetAndParquet()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        // A contract's number column (staging DOUBLE), written through the appender: binary doubles, no text anywhere.
        await project.SqlAsync("CREATE TABLE staging.readings (customer_id VARCHAR, day INTEGER, reading DOUBLE)");
        await project.Workspace.Services.GetRequiredService<IWarehouseAppender>().AppendAsync("staging", "readings", rows =>
        {
            for (var i = 0; i < AwkwardDoubles.Length; i++)
            {
                rows.BeginRow();
                rows.Add(Key(i));
                rows.Add(i);
                rows.Add(AwkwardDoubles[i]);
                rows.EndRow();
            }
        }, [], CancellationToken.None);
        await WriteTypedViewAsync(project, "readings",
            "SELECT customer_id, TIMESTAMP '2024-01-01' + INTERVAL (day) DAY AS event_timestamp, reading, reading * 1.0 AS times_one FROM staging.readings",
            ("reading", "logical_type: number"), ("times_one", "logical_type: number\n    physical_type: DOUBLE"));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        var stored = await project.Workspace.Warehouse.DescribeAsync("features", "readings", CancellationToken.None);
        Assert.Equal("DOUBLE", stored.Single(c => c.Name == "reading").SqlType);
        Assert.Equal("DOUBLE", stored.Single(c => c.Name == "times_one").SqlType);
        var entities = "SELECT * FROM (VALUES " + string.Join(", ", AwkwardDoubles.Select((_, i) => $"('{Key(i)}', TIMESTAMP '2024-03-01')")) + ") t(customer_id, event_timestamp)";
        var set = await project.Store.GetTrainingSetAsync(entities, ["readings"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        var expected = AwkwardDoubles.Select(d => Bits(d ?? double.NaN)).ToArray();
        Assert.Equal(expected, set.Data["reading"].Numbers!.Select(Bits));
        Assert.Equal(expected, set.Data["times_one"].Numbers!.Select(Bits));

        var file = Path.Combine(project.Root, "out", "readings.parquet");
        var export = await project.Store.ExportTrainingSetAsync(entities, ["readings"], file, CancellationToken.None);
        Assert.True(export.Succeeded, export.Error);
        var back = await project.Workspace.Warehouse.QueryAsync($"SELECT typeof(reading) AS t, reading FROM read_parquet('{file}')", CancellationToken.None);
        Assert.Equal("DOUBLE", back["t"].Texts![0]);
        Assert.Equal(expected, back["reading"].Numbers!.Select(Bits));
    }

    [Fact]
    public async Task BuildAsync_DeclaredDecimal_KeepsPrecisionAndScale_EvenFromWideDecimalsAndDoubles()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await WriteTypedViewAsync(project, "amounts",
            "SELECT customer_id, event_timestamp, n * 1.0 AS wide, CAST(n AS DOUBLE) / 4 AS quarter, n AS count FROM staging.amounts",
            ("wide", "physical_type: DECIMAL(14, 2)"), ("quarter", "logical_type: number\n    physical_type: NUMERIC(12,2)"), ("count", "logical_type: integer\n    physical_type: INTEGER"));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        var stored = await project.Workspace.Warehouse.DescribeAsync("features", "amounts", CancellationToken.None);
        Assert.Equal("DECIMAL(14,2)", stored.Single(c => c.Name == "wide").SqlType);
        Assert.Equal("DECIMAL(12,2)", stored.Single(c => c.Name == "quarter").SqlType);
        Assert.Equal("INTEGER", stored.Single(c => c.Name == "count").SqlType);
        var text = await project.Workspace.Warehouse.QueryAsync("SELECT CAST(wide AS VARCHAR) AS w, CAST(quarter AS VARCHAR) AS q FROM features.amounts ORDER BY customer_id", CancellationToken.None);
        Assert.Equal(["3.00", "-17.00", "123456789.00", "(null)"], text["w"].Texts!.Select(t => t ?? "(null)"));
        Assert.Equal(["0.75", "-4.25", "30864197.25", "(null)"], text["q"].Texts!.Select(t => t ?? "(null)"));
        var set = await project.Store.GetTrainingSetAsync(Entities, ["amounts"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(new[] { 0.75, -4.25, 30864197.25 }.Select(Bits), set.Data["quarter"].Numbers!.Take(3).Select(Bits));
        Assert.Equal(new[] { 3.0, -17, 123456789 }, set.Data["count"].Numbers!.Take(3));
    }

    [Theory]
    [InlineData("CAST(n AS DOUBLE) / 2", "logical_type: integer", "feature 'x' is declared BIGINT but 3 of its values do not fit it exactly (e.g. -8.5)")]
    [InlineData("CAST(n AS DOUBLE) / 8", "physical_type: DECIMAL(10,2)", "feature 'x' is declared DECIMAL(10,2) but 3 of its values do not fit it exactly (e.g. -2.125)")]
    [InlineData("n * 1000", "physical_type: SMALLINT", "feature 'x' is declared SMALLINT but 1 of its values do not fit it exactly (e.g. 123456789000)")]
    [InlineData("CAST(n AS VARCHAR)", "logical_type: number", "feature 'x' is declared DOUBLE but its SQL gives VARCHAR; cast it in the SQL")]
    [InlineData("CAST(n AS DOUBLE) / 3", "physical_type: FLOAT", "feature 'x' is declared FLOAT but 2 of its values do not fit it exactly (e.g. -5.666666666666667)")]
    public async Task BuildAsync_ValuesNotFittingDeclaredType_FailsNamingFeatureAndValue_NoTableWritten(string expression, string type, string message)
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(Source);
        await WriteTypedViewAsync(project, "amounts", $"SELECT customer_id, event_timestamp, {expression} AS x FROM staging.amounts", ("x", type));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.Equal("amounts: " + message + (message.EndsWith("SQL", StringComparison.Ordinal) ? string.Empty : "; round or cast it in the SQL, or declare a wider type"), build.Error);
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "amounts", CancellationToken.None));
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "__stage_amounts", CancellationToken.None));
    }

    [Theory]
    [InlineData("logical_type: decimal", "features[0] (x): logical_type 'decimal' is not one of string, integer, number, boolean, date, timestamp, time")]
    [InlineData("physical_type: MONEY", "features[0] (x): physical_type 'MONEY' is not a warehouse type (e.g. INTEGER, BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, BOOLEAN, DATE, TIMESTAMP)")]
    [InlineData("logical_type: integer\n    physical_type: DOUBLE", "features[0] (x): physical_type DOUBLE does not hold logical_type integer")]
    [InlineData("physical_type: DECIMAL(40,2)", "features[0] (x): physical_type 'DECIMAL(40,2)' needs 1 <= precision <= 38 and scale <= precision")]
    public async Task ApplyAsync_BadDeclaredType_PreciseError(string type, string message)
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await WriteTypedViewAsync(project, "amounts", "SELECT customer_id, event_timestamp, n AS x FROM staging.amounts", ("x", type));

        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);

        Assert.False(apply.Succeeded);
        Assert.Equal(Path.Combine("features", "amounts.yaml") + ": " + message, apply.Error);
    }

    [Fact]
    public async Task BuildAsync_DoublesNearTheLargest_BuildsBitExact_NoMeanOrDeviationForThatColumnOnly()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        double[] extreme = [double.MaxValue, -double.MaxValue, 1e-300, 5];
        await project.SqlAsync("CREATE TABLE staging.extremes (customer_id VARCHAR, day INTEGER, reading DOUBLE, plain DOUBLE)");
        await project.Workspace.Services.GetRequiredService<IWarehouseAppender>().AppendAsync("staging", "extremes", rows =>
        {
            for (var i = 0; i < extreme.Length; i++)
            {
                rows.BeginRow();
                rows.Add(Key(i));
                rows.Add(i);
                rows.Add(extreme[i]);
                rows.Add((double)i);
                rows.EndRow();
            }
        }, [], CancellationToken.None);
        await WriteTypedViewAsync(project, "extremes",
            "SELECT customer_id, TIMESTAMP '2024-01-01' + INTERVAL (day) DAY AS event_timestamp, reading, plain FROM staging.extremes",
            ("reading", "logical_type: number"), ("plain", "logical_type: number"));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        var statistics = build.Views.Single().Statistics;
        var reading = statistics.Single(s => s.Feature == "reading");
        Assert.Null(reading.Mean);
        Assert.Null(reading.Std);
        Assert.Equal(-double.MaxValue, reading.Min);
        Assert.Equal(double.MaxValue, reading.Max);
        var plain = statistics.Single(s => s.Feature == "plain");
        Assert.Equal(1.5, plain.Mean);
        Assert.NotNull(plain.Std);
        var entities = "SELECT * FROM (VALUES " + string.Join(", ", extreme.Select((_, i) => $"('{Key(i)}', TIMESTAMP '2024-03-01')")) + ") t(customer_id, event_timestamp)";
        var set = await project.Store.GetTrainingSetAsync(entities, ["extremes"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(extreme.Select(Bits), set.Data["reading"].Numbers!.Select(Bits));
    }

    internal static async Task WriteTypedViewAsync(FeatureProject project, string name, string sql, params (string Name, string Type)[] features)
    {
        var yaml = $"""
            name: {name}
            entity: customer_id
            timestamp: event_timestamp
            ttl: 90d
            owner: test-team
            source: features/{name}.sql
            features:
            {string.Join("\n", features.Select(f => $"  - name: {f.Name}\n    {f.Type}"))}
            """;
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, name + ".yaml"), yaml);
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, name + ".sql"), sql);
    }

    private static string Key(int i) => "C" + i.ToString(CultureInfo.InvariantCulture);

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture);
}
