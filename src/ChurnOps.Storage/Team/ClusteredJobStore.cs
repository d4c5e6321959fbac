using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Team;

/// <summary>
/// Where the pipeline scheduler keeps Quartz's clustered job store when the project's metadata is on PostgreSQL: the
/// same database (its <c>qrtz_</c> tables, migrated with the rest, see <see cref="QuartzJobStoreSchema"/>), reached
/// through Quartz's own ADO.NET provider named <see cref="Provider"/>. Registered only in team mode; its absence means
/// the in-memory store of a single scheduler.
/// </summary>
public sealed class ClusteredJobStore
{
    private readonly string _location;

    public ClusteredJobStore(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        _location = location;
    }

    /// <summary>Quartz's name for the PostgreSQL ADO.NET provider it loads by name.</summary>
    public static string Provider => "Npgsql";

    public static string TablePrefix => QuartzJobStoreSchema.TablePrefix;

    /// <summary>The connection string for Quartz's data source (read when the scheduler starts, after the metadata opened).</summary>
    public string ConnectionString => PostgresLocation.ToConnectionString(_location);
}
