using System.Data.Common;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Team;

/// <summary>
/// Team-mode metadata: the PostgreSQL database named by <c>storage.metadata</c>, connected and migrated once per process
/// (<see cref="TeamMetadataAreas"/>). The stores registered by
/// <see cref="TeamMetadataServiceCollectionExtensions.AddTeamMetadata"/> read <see cref="Database"/> from here.
/// </summary>
public sealed class TeamMetadata(string location, TimeProvider time) : IStorageStartup, IAsyncDisposable
{
    private MetadataDatabase? _database;

    public MetadataDatabase Database => _database ?? throw new InvalidOperationException(
        "the team metadata database is not open yet: open the project (ChurnOpsWorkspace.OpenAsync) before resolving a store");

    public async Task<string?> OpenAsync(CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            return null;
        }

        if (!PostgresLocation.IsPostgres(location))
        {
            return "storage.metadata: team mode keeps metadata on PostgreSQL; write postgresql://user:password@host:port/database (or leave it out for the embedded SQLite file)";
        }

        try
        {
            _database = await PostgresMetadataDatabase.OpenAsync(location, TeamMetadataAreas.Migrations, time, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
        catch (DbException ex)
        {
            // The provider's message names host, port or role, never the password.
            return $"storage.metadata: cannot open the PostgreSQL metadata database: {FirstLine(ex.Message)}";
        }
        catch (TimeoutException ex)
        {
            return $"storage.metadata: cannot reach the PostgreSQL server: {FirstLine(ex.Message)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
