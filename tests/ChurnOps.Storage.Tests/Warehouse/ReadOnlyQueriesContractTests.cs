using System.Globalization;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// What every IReadOnlyQueries backend must do with SQL from outside the code (a contract's quality rule): one number
/// back, or an error as a value; never a change to the data, never an exception for bad SQL.
/// </summary>
public abstract class ReadOnlyQueriesContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The backend under test, plus a warehouse over the same data to set up tables and check nothing changed.</summary>
    protected abstract Task<(IReadOnlyQueries Queries, IWarehouse Warehouse)> CreateStoreAsync();

    private async Task<(IReadOnlyQueries Queries, IWarehouse Warehouse)> WithCustomersAsync()
    {
        var (queries, warehouse) = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE staging.customers (id INTEGER, churned BOOLEAN, charges FLOAT8)", Ct);
        await warehouse.ExecuteAsync("INSERT INTO staging.customers VALUES (1, TRUE, 10.5), (2, FALSE, 20.25), (3, FALSE, NULL)", Ct);
        return (queries, warehouse);
    }

    private static async Task<long> CountAsync(IWarehouse warehouse) =>
        Convert.ToInt64(await warehouse.ScalarAsync("SELECT COUNT(*) FROM staging.customers", Ct), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("SELECT COUNT(*) FROM staging.customers", 3)]
    [InlineData("SELECT COUNT(*) FROM staging.customers WHERE charges IS NULL", 1)]
    [InlineData("SELECT SUM(charges) FROM staging.customers", 30.75)]
    [InlineData("SELECT COUNT(*) = 3 FROM staging.customers", 1)]
    [InlineData("SELECT bool_or(churned AND charges > 100) FROM staging.customers", 0)]
    public async Task QueryNumberAsync_OneNumericOrBooleanValue_ReturnsIt(string sql, double expected)
    {
        var (queries, _) = await WithCustomersAsync();

        var result = await queries.QueryNumberAsync(sql, Ct);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("DELETE FROM staging.customers")]
    [InlineData("UPDATE staging.customers SET charges = 0")]
    [InlineData("INSERT INTO staging.customers VALUES (4, TRUE, 1)")]
    [InlineData("DROP TABLE staging.customers")]
    [InlineData("SELECT COUNT(*) FROM staging.customers; DELETE FROM staging.customers")]
    [InlineData("CREATE TABLE staging.x AS SELECT 1 AS n")]
    public async Task QueryNumberAsync_StatementThatWouldChangeData_ErrorAndNothingChanged(string sql)
    {
        var (queries, warehouse) = await WithCustomersAsync();

        var result = await queries.QueryNumberAsync(sql, Ct);

        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(3, await CountAsync(warehouse));
        Assert.Equal(30.75, Convert.ToDouble(await warehouse.ScalarAsync("SELECT SUM(charges) FROM staging.customers", Ct), CultureInfo.InvariantCulture));
        Assert.False(await warehouse.TableExistsAsync("staging", "x", Ct));
    }

    [Theory]
    [InlineData("SELECT id FROM staging.customers")]
    [InlineData("SELECT COUNT(*), SUM(charges) FROM staging.customers")]
    [InlineData("SELECT id FROM staging.customers WHERE id = 99")]
    [InlineData("SELECT charges FROM staging.customers WHERE id = 3")]
    [InlineData("SELECT 'text'")]
    [InlineData("SELEC COUNT(*) FROM staging.customers")]
    [InlineData("SELECT COUNT(*) FROM staging.no_such_table")]
    public async Task QueryNumberAsync_NotExactlyOneNumberOrBadSql_ErrorAsValue(string sql)
    {
        var (queries, _) = await WithCustomersAsync();

        var result = await queries.QueryNumberAsync(sql, Ct);

        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
