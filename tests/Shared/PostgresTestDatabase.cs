using Npgsql;

namespace ChurnOps.Testing;

/// <summary>
/// A class fixture: one fresh database on the assembly's <see cref="PostgresCluster"/> per test class, dropped when the
/// class is done. <see cref="ResetAsync"/> empties every table but schema_migrations so each test starts from a
/// migrated, empty schema without paying for a new database.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public string Name { get; private set; } = string.Empty;

    /// <summary>An Npgsql connection string to this class's database.</summary>
    public string ConnectionString => Cluster.ConnectionString(Name);

    /// <summary>The same database as a postgresql:// URL.</summary>
    public string Url => Cluster.Url(Name);

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("the PostgreSQL test database is not initialised yet");

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.GetAsync();
        Name = await _cluster.CreateDatabaseAsync("t");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null && Name.Length > 0)
        {
            await _cluster.DropDatabaseAsync(Name);
        }
    }

    /// <summary>Empties every table of the public schema except schema_migrations and restarts their identity columns.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count > 0)
        {
            await using var truncate = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY CASCADE", connection);
            await truncate.ExecuteNonQueryAsync();
        }
    }
}
