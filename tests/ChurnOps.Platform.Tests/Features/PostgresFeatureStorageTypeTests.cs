using Npgsql;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>
/// Declared feature types on a project whose warehouse is PostgreSQL (storage.warehouse): values that fit are stored
/// in the declared type with the same values and messages as on DuckDB (<see cref="FeatureStorageTypeTests"/>), including
/// doubles past 1e15 into BIGINT (PostgreSQL prints them with an exponent, so a check through text would refuse them)
/// and PostgreSQL's own NUMERIC declared as a number; values that do not fit fail the build naming a value, as on DuckDB,
/// where PostgreSQL's failing casts would otherwise abort the check itself.
/// </summary>
public sealed class PostgresFeatureStorageTypeTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const string Source = """
        CREATE TABLE staging.amounts (customer_id VARCHAR, event_timestamp TIMESTAMP, n BIGINT);
        INSERT INTO staging.amounts VALUES ('A', '2024-01-01', 3), ('B', '2024-01-02', -17), ('C', '2024-01-03', 123456789), ('D', '2024-01-04', NULL);
        """;

    private const string Entities =
        "SELECT * FROM (VALUES ('A', TIMESTAMP '2024-01-05'), ('B', TIMESTAMP '2024-01-05'), ('C', TIMESTAMP '2024-01-05'), ('D', TIMESTAMP '2024-01-05')) t(customer_id, event_timestamp)";

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP SCHEMA IF EXISTS raw, staging, quarantine, features, monitoring CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task BuildAsync_DeclaredTypesThatFit_StoredInThemWithTheValuesDuckDbStores()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false, warehouse: database.Url);
        await project.SqlAsync(Source);
        await FeatureStorageTypeTests.WriteTypedViewAsync(project, "amounts",
            "SELECT customer_id, event_timestamp, n * 1.0 AS wide, CAST(n AS DOUBLE PRECISION) / 4 AS quarter, n AS count, CAST(n AS DOUBLE PRECISION) * 10000000 AS big, CAST(n AS NUMERIC) / 4 AS exact FROM staging.amounts",
            ("wide", "physical_type: DECIMAL(14, 2)"), ("quarter", "logical_type: number\n    physical_type: NUMERIC(12,2)"), ("count", "logical_type: integer\n    physical_type: INTEGER"),
            ("big", "logical_type: integer"), ("exact", "logical_type: number"));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        var stored = (await project.Workspace.Warehouse.DescribeAsync("features", "amounts", CancellationToken.None)).ToDictionary(c => c.Name, c => c.SqlType);
        Assert.Equal("DECIMAL(14,2)", stored["wide"]);
        Assert.Equal("DECIMAL(12,2)", stored["quarter"]);
        Assert.Equal("INTEGER", stored["count"]);
        Assert.Equal("BIGINT", stored["big"]);
        Assert.Equal("DOUBLE", stored["exact"]);
        var text = await project.Workspace.Warehouse.QueryAsync("SELECT CAST(wide AS VARCHAR) AS w, CAST(quarter AS VARCHAR) AS q, CAST(big AS VARCHAR) AS b FROM features.amounts ORDER BY customer_id", CancellationToken.None);
        Assert.Equal(["3.00", "-17.00", "123456789.00", "(null)"], text["w"].Texts!.Select(t => t ?? "(null)"));
        Assert.Equal(["0.75", "-4.25", "30864197.25", "(null)"], text["q"].Texts!.Select(t => t ?? "(null)"));
        Assert.Equal(["30000000", "-170000000", "1234567890000000", "(null)"], text["b"].Texts!.Select(t => t ?? "(null)"));
        var set = await project.Store.GetTrainingSetAsync(Entities, ["amounts"], CancellationToken.None);
        Assert.True(set.Succeeded, set.Error);
        Assert.Equal([0.75, -4.25, 30864197.25], set.Data["quarter"].Numbers!.Take(3));
        Assert.Equal([3.0, -17, 123456789], set.Data["count"].Numbers!.Take(3));
        Assert.Equal([0.75, -4.25, 30864197.25], set.Data["exact"].Numbers!.Take(3));
    }

    [Theory]
    [InlineData("CAST(n AS DOUBLE PRECISION) / 2", "logical_type: integer", "feature 'x' is declared BIGINT but 3 of its values do not fit it exactly (e.g. -8.5)")]
    [InlineData("CAST(n AS DOUBLE PRECISION) / 8", "physical_type: DECIMAL(10,2)", "feature 'x' is declared DECIMAL(10,2) but 3 of its values do not fit it exactly (e.g. -2.125)")]
    [InlineData("n * 1000", "physical_type: SMALLINT", "feature 'x' is declared SMALLINT but 1 of its values do not fit it exactly (e.g. 123456789000)")]
    [InlineData("CAST(n AS DOUBLE PRECISION) * 1e300", "physical_type: DECIMAL(10,2)", "feature 'x' is declared DECIMAL(10,2) but 3 of its values do not fit it exactly (e.g. -1.7000000000000001e+301)")]
    [InlineData("CAST(n AS DOUBLE PRECISION) / 3", "physical_type: FLOAT", "feature 'x' is declared FLOAT but 2 of its values do not fit it exactly (e.g. -5.666666666666667)")]
    [InlineData("CAST(n AS VARCHAR)", "logical_type: number", "feature 'x' is declared DOUBLE but its SQL gives VARCHAR; cast it in the SQL")]
    public async Task BuildAsync_ValuesNotFittingDeclaredType_FailsAsOnDuckDb_NoTableWritten(string expression, string type, string message)
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false, warehouse: database.Url);
        await project.SqlAsync(Source);
        await FeatureStorageTypeTests.WriteTypedViewAsync(project, "amounts", $"SELECT customer_id, event_timestamp, {expression} AS x FROM staging.amounts", ("x", type));
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);

        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        Assert.False(build.Succeeded);
        Assert.Equal("amounts: " + message + (message.EndsWith("SQL", StringComparison.Ordinal) ? string.Empty : "; round or cast it in the SQL, or declare a wider type"), build.Error);
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "amounts", CancellationToken.None));
        Assert.False(await project.Workspace.Warehouse.TableExistsAsync("features", "__stage_amounts", CancellationToken.None));
    }
}
