using System.Data.Common;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Warehouse.Postgres;

namespace ChurnOps.Storage.Team;

/// <summary>
/// Team-mode warehouse: the PostgreSQL database named by <c>storage.warehouse</c>, connected (and its schemas created)
/// once per process. The stores registered by <see cref="TeamWarehouseServiceCollectionExtensions.AddTeamWarehouse"/>
/// read <see cref="Warehouse"/> from here.
/// </summary>
public sealed class TeamWarehouse(string location) : IStorageStartup, IAsyncDisposable
{
    private PostgresWarehouse? _warehouse;

    public PostgresWarehouse Warehouse => _warehouse ?? throw new InvalidOperationException(
        "the team warehouse is not open yet: open the project (ChurnOpsWorkspace.OpenAsync) before resolving a store");

    public async Task<string?> OpenAsync(CancellationToken cancellationToken)
    {
        if (_warehouse is not null)
        {
            return null;
        }

        if (!PostgresLocation.IsPostgres(location))
        {
            return "storage.warehouse: team mode keeps the warehouse on PostgreSQL; write postgresql://user:password@host:port/database (or leave it out for the embedded DuckDB file)";
        }

        try
        {
            _warehouse = await PostgresWarehouse.OpenAsync(location, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message.Replace("storage.metadata", "storage.warehouse", StringComparison.Ordinal);
        }
        catch (DbException ex)
        {
            // The provider's message names host, port or role, never the password.
            return $"storage.warehouse: cannot open the PostgreSQL warehouse: {FirstLine(ex.Message)}";
        }
        catch (TimeoutException ex)
        {
            return $"storage.warehouse: cannot reach the PostgreSQL server: {FirstLine(ex.Message)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
