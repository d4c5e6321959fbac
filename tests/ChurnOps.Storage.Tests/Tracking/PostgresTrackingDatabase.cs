using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;
using Npgsql;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>
/// The test class's PostgreSQL database (see <see cref="PostgresTestDatabase"/>) made empty for one test, as a fresh
/// SQLite file is: every table emptied, then the Default experiment "0" put back, since the tracking migration that
/// creates it ran once for the whole class.
/// </summary>
internal sealed class PostgresTrackingDatabase(PostgresTestDatabase database) : IAsyncDisposable
{
    private readonly TempPostgresMetadata _metadata = new(database);

    /// <summary>Call once before each test (xunit's InitializeAsync).</summary>
    public async Task ResetAsync()
    {
        await _metadata.ResetAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(
            """
            INSERT INTO tracking_experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 0, 0)
            """,
            connection);
        await seed.ExecuteNonQueryAsync();
    }

    /// <summary>A new handle (its own connection pool) on the same database, as a second server replica would hold.</summary>
    public Task<PostgresMetadataDatabase> OpenAsync() => _metadata.OpenAsync();

    public ValueTask DisposeAsync() => _metadata.DisposeAsync();
}
