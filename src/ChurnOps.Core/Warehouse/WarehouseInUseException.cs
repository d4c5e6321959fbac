namespace ChurnOps.Core.Warehouse;

/// <summary>
/// The embedded warehouse is held by another process (DuckDB allows one writing process per file, and no reader beside
/// it). It can surface at any connection a use case opens, so it is an exception that the CLI turns into its one-line
/// error; the message names the holder where it is known.
/// </summary>
public sealed class WarehouseInUseException : Exception
{
    public WarehouseInUseException()
    {
    }

    public WarehouseInUseException(string message)
        : base(message)
    {
    }

    public WarehouseInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
