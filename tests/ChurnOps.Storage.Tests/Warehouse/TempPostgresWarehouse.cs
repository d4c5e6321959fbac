using ChurnOps.Storage.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;
using Npgsql;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// The PostgreSQL warehouse on the test class's database (see <see cref="PostgresTestDatabase"/>): the standard schemas
/// are dropped before each test, and every open is a new pooled handle on the same data, so a contract test can check
/// what survives a reopen.
/// </summary>
internal sealed class TempPostgresWarehouse(PostgresTestDatabase database) : IAsyncDisposable
{
    private readonly List<PostgresWarehouse> _opened = [];

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var drop = string.Join("; ", WarehouseSchemas.Standard.Select(s => $"DROP SCHEMA IF EXISTS \"{s}\" CASCADE"));
        await using var command = new NpgsqlCommand(drop, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<PostgresWarehouse> OpenAsync()
    {
        var opened = await PostgresWarehouse.OpenAsync(database.ConnectionString, CancellationToken.None);
        _opened.Add(opened);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }
    }
}
