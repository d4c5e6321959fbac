using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Storage.Team;

/// <summary>Registers the warehouse roles on a team PostgreSQL database when <c>storage.warehouse</c> names one.</summary>
public static class TeamWarehouseServiceCollectionExtensions
{
    /// <summary>
    /// Nothing when <paramref name="warehouseLocation"/> is empty (the embedded DuckDB registrations apply). Otherwise one
    /// <see cref="TeamWarehouse"/> per container (a caller may register an already opened one first) and every warehouse
    /// role over it; call before AddEmbeddedStorage, whose TryAdd registrations then leave these in place.
    /// </summary>
    public static IServiceCollection AddTeamWarehouse(this IServiceCollection services, string? warehouseLocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrWhiteSpace(warehouseLocation))
        {
            return services;
        }

        services.TryAddSingleton(sp => new TeamWarehouse(warehouseLocation));
        services.AddSingleton<IStorageStartup>(sp => sp.GetRequiredService<TeamWarehouse>());
        services.TryAddSingleton<IWarehouse>(sp => Warehouse(sp));
        services.TryAddSingleton<IReadOnlyQueries>(sp => Warehouse(sp));
        services.TryAddSingleton<IWarehouseTransactions>(sp => new PostgresWarehouseTransactions(Warehouse(sp)));
        services.TryAddSingleton<IWarehouseAppender>(sp => new PostgresWarehouseAppender(Warehouse(sp)));
        services.TryAddSingleton<IRawFileScan, PostgresRawFileScan>();
        services.TryAddSingleton<IQueryFileExport, PostgresQueryFileExport>();
        services.TryAddSingleton<IFileRowSource, PostgresFileRowSource>();
        services.TryAddSingleton<ChurnOps.Core.Features.IPointInTimeJoinDialect, ChurnOps.Storage.Features.PostgresPointInTimeJoin>();
        return services;
    }

    /// <summary>Whether <paramref name="services"/> keep the warehouse on a team database (the embedded DuckDB file then stays closed).</summary>
    public static bool HasTeamWarehouse(this IServiceProvider services) => services.GetService<TeamWarehouse>() is not null;

    private static PostgresWarehouse Warehouse(IServiceProvider services) => services.GetRequiredService<TeamWarehouse>().Warehouse;
}
