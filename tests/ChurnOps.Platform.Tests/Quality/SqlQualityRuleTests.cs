using System.Globalization;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Quality;
using ChurnOps.Platform.Quality;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Tests.Quality;

/// <summary>ODCS sql quality rules run against a real DuckDB file: results, every kind of failure, and the read-only guard.</summary>
public sealed class SqlQualityRuleTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private DuckDbWarehouse _warehouse = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), Ct);
        await _warehouse.ExecuteInTransactionAsync(
        [
            "CREATE TABLE staging.t (id INTEGER, age INTEGER, plan VARCHAR)",
            "INSERT INTO staging.t VALUES (1, 17, 'basic'), (2, 40, NULL), (3, 55, 'premium')",
        ], Ct);
        await File.WriteAllTextAsync(_dir.Sub("secret.csv"), "x\n1\n2\n3\n4\n5\n");
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private static Expectation Rule(string query, QualityComparison comparison, string? column = null) =>
        new(ExpectationType.SqlQueryResult) { Query = query, Comparison = comparison, Column = column, Name = "r" };

    private async Task<ExpectationResult> RunAsync(Expectation e) =>
        Assert.Single((await new ExpectationRunner(_warehouse).RunAsync("s", "staging", "t", [e], Ct)).Results);

    [Fact]
    public async Task Run_QueryMeetsComparison_SucceedsWithObservedValue()
    {
        var result = await RunAsync(Rule("SELECT count(*) FROM ${object} WHERE age < 18", new QualityComparison("mustBeLessThan", 2)));

        Assert.True(result.Success);
        Assert.Equal(1.0, result.ObservedValue);
        Assert.Null(result.ExceptionMessage);
    }

    [Fact]
    public async Task Run_QueryBreaksComparison_FailsWithObservedValue()
    {
        var result = await RunAsync(Rule("SELECT avg(age) FROM {object}", new QualityComparison("mustBeBetween", 18, 30)));

        Assert.False(result.Success);
        Assert.Equal(Math.Round((17 + 40 + 55) / 3.0, 6), Math.Round((double)result.ObservedValue!, 6));
        Assert.Null(result.ExceptionMessage);
    }

    [Fact]
    public async Task Run_ColumnLevelRule_FillsPropertyWithItsColumn()
    {
        var result = await RunAsync(Rule("SELECT 100.0 * count(*) FILTER (WHERE {property} IS NULL) / count(*) FROM {table}", new QualityComparison("mustBeLessOrEqualTo", 10), "plan"));

        Assert.False(result.Success);
        Assert.Equal(100.0 / 3, (double)result.ObservedValue!, 6);
    }

    [Fact]
    public async Task Run_BooleanResult_CountsAsOneOrZero()
    {
        var result = await RunAsync(Rule("SELECT max(age) > 50 FROM {object}", new QualityComparison("mustBe", 1)));

        Assert.True(result.Success);
        Assert.Equal(1.0, result.ObservedValue);
    }

    [Theory]
    [InlineData("SELECT count(* FROM {object}", "the query is not valid SQL: syntax error")]
    [InlineData("SELEC count(*) FROM {object}", "only a SELECT or WITH query is allowed")]
    [InlineData("SELECT count(*) FROM staging.nosuch", "table staging.nosuch does not exist")]
    [InlineData("SELECT count(*) FROM {object} WHERE nosuch > 1", "the query failed: Binder Error")]
    [InlineData("SELECT age FROM {object}", "returned more than one row")]
    [InlineData("SELECT age FROM {object} WHERE age > 1000", "returned no row")]
    [InlineData("SELECT count(*), max(age) FROM {object}", "returns 2 columns")]
    [InlineData("SELECT plan FROM {object} WHERE id = 1", "returned VARCHAR 'basic', not a number")]
    [InlineData("SELECT max(plan) FROM {object} WHERE id = 2", "returned NULL")]
    [InlineData("SELECT count(*) FROM {object} WHERE {property} IS NULL", "has no value in a table-level rule")]
    public async Task Run_QueryThatCannotMeasure_FailsWithPreciseMessage(string query, string expected)
    {
        var result = await RunAsync(Rule(query, new QualityComparison("mustBe", 0)));

        Assert.False(result.Success);
        Assert.Contains(expected, result.ExceptionMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM {object}; DELETE FROM {object}", "only one statement")]
    [InlineData("SELECT count(*) FROM read_csv('{dir}/secret.csv')", "function 'read_csv' is not allowed")]
    [InlineData("SELECT count(*) FROM '{dir}/secret.csv'", "reading a file as a table")]
    [InlineData("SELECT count(*) FROM \"{dir}/secret.csv\"", "reading a file as a table")]
    [InlineData("SELECT count(*) FROM duckdb_settings()", "table function 'duckdb_settings' is not allowed")]
    [InlineData("SELECT count(*) FROM main.sneaky", "table main.sneaky does not exist")]
    public async Task Run_ForbiddenQuery_IsRefusedAndChangesNothing(string query, string expected)
    {
        var result = await RunAsync(Rule(query.Replace("{dir}", _dir.Path, StringComparison.Ordinal), new QualityComparison("mustBe", 5)));

        Assert.False(result.Success);
        Assert.Contains(expected, result.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(3L, Convert.ToInt64(await _warehouse.ScalarAsync("SELECT count(*) FROM staging.t", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task QueryNumberAsync_ReplacementScanOnFileNamedLikeATable_IsRefusedByTheParseTreeCheck()
    {
        // No quotes and no path: only the parse-tree check (is it a table in the catalog?) stands between this and the file.
        var previous = Directory.GetCurrentDirectory();
        var result = await _warehouse.QueryNumberAsync("SELECT count(*) FROM secret", Ct);

        Assert.Null(result.Value);
        Assert.Contains("table secret does not exist", result.Error, StringComparison.Ordinal);
        Assert.Equal(previous, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task MeasureAsync_QueryRunsPastItsTimeout_IsStoppedAndReported()
    {
        await using var connection = await _warehouse.OpenConnectionAsync(Ct);

        var result = await DuckDbReadOnlyQuery.MeasureAsync(connection, null, "SELECT count(*) FROM range(100000000000)", Ct, TimeSpan.FromMilliseconds(300));

        Assert.Null(result.Value);
        Assert.Equal("the query ran longer than 0.3 s and was stopped", result.Error);
    }

    [Fact]
    public async Task For_ContractWithSqlRules_DerivesTableAndColumnExpectations()
    {
        var contract = ContractParser.Parse("""
            apiVersion: v3.0.2
            kind: DataContract
            id: t
            version: 1.0.0
            status: active
            schema:
              - name: t
                quality:
                  - type: sql
                    name: no_minors
                    query: SELECT count(*) FROM ${object} WHERE age < 18
                    mustBe: 0
                properties:
                  - name: id
                    logicalType: integer
                  - name: plan
                    logicalType: string
                    quality:
                      - type: sql
                        query: SELECT count(*) FROM ${object} WHERE ${property} IS NULL
                        mustBeLessThan: 2
            """).Contract!;

        var suite = await new ExpectationRunner(_warehouse).RunAsync("t", "staging", "t", ContractExpectations.For(contract, contract.Schema[0]), Ct);

        var sql = suite.Results.Where(r => r.Expectation.Type == ExpectationType.SqlQueryResult).ToList();
        Assert.Equal(2, sql.Count);
        Assert.False(sql.Single(r => r.Expectation.Name == "no_minors").Success);
        Assert.True(sql.Single(r => r.Expectation.Column == "plan").Success);
        Assert.Equal("expect_sql_query_result_to_satisfy(no_minors, mustBe 0)", sql[^1].Expectation.ToString());
        Assert.False(suite.Success);
    }
}
