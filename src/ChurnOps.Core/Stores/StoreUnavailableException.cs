namespace ChurnOps.Core.Stores;

/// <summary>
/// A team-mode store (Redis online store, S3-compatible artifact store) could not be reached or refused the request
/// for a reason the operator must fix (down, wrong address, wrong credentials, missing bucket). Like
/// <see cref="Warehouse.WarehouseInUseException"/> it can surface at any call, so it is an exception that the CLI turns
/// into its one-line error and the server into a 503. The message names the store by its location, never a secret.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
