namespace ChurnOps.Platform.Projects;

/// <summary>How a command opens a project: what it needs decides whether it competes for the warehouse's writer lock.</summary>
public enum ProjectAccess
{
    /// <summary>Metadata (SQLite) and a warehouse opened for writing: ingest, features build, train, score --log, serve.</summary>
    ReadWrite,

    /// <summary>
    /// Metadata (SQLite) and a read-only warehouse that opens no file until a query needs one: listing runs, dataset
    /// versions or alerts never touches DuckDB, so it works while another process writes the warehouse.
    /// </summary>
    ReadOnly,
}
