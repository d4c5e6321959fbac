namespace ChurnOps.Core.Warehouse;

/// <summary>Starts warehouse transactions for work that spans many statements.</summary>
public interface IWarehouseTransactions
{
    /// <summary>Opens a connection, applies <paramref name="sessionSettings"/> (e.g. "SET TimeZone = 'UTC'"), then begins.</summary>
    Task<IWarehouseTransaction> BeginAsync(IReadOnlyList<string> sessionSettings, CancellationToken cancellationToken);
}
