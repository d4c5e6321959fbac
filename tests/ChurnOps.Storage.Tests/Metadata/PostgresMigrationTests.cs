using ChurnOps.Storage.Metadata;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChurnOps.Storage.Tests.Metadata;

/// <summary>Every area's migrations on a real PostgreSQL 15 server, including replicas that start at the same moment.</summary>
public sealed class PostgresMigrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task OpenAsync_EightReplicasAtOnce_MigrateExactlyOnceWithoutError()
    {
        var cluster = await PostgresCluster.GetAsync();
        var name = await cluster.CreateDatabaseAsync("mig");
        try
        {
            var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
                PostgresMetadataDatabase.OpenAsync(cluster.ConnectionString(name), TeamMetadataAreas.Migrations, TimeProvider.System, Ct))));

            var rows = await QueryAsync(cluster.ConnectionString(name), "SELECT area || ':' || version FROM schema_migrations ORDER BY 1");
            var expected = TeamMetadataAreas.Migrations.Select(m => $"{m.Area}:{m.Version}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, rows);
            foreach (var database in opened)
            {
                await database.DisposeAsync();
            }
        }
        finally
        {
            await cluster.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task OpenAsync_AgainOnAMigratedDatabase_AppliesNothingNew()
    {
        var cluster = await PostgresCluster.GetAsync();
        var name = await cluster.CreateDatabaseAsync("mig");
        try
        {
            var first = new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);
            await (await PostgresMetadataDatabase.OpenAsync(cluster.ConnectionString(name), TeamMetadataAreas.Migrations, new FakeTimeProvider(first), Ct)).DisposeAsync();

            await (await PostgresMetadataDatabase.OpenAsync(cluster.ConnectionString(name), TeamMetadataAreas.Migrations, new FakeTimeProvider(first.AddDays(1)), Ct)).DisposeAsync();

            Assert.Equal([first.ToString("O", System.Globalization.CultureInfo.InvariantCulture)], await QueryAsync(cluster.ConnectionString(name), "SELECT DISTINCT applied_at FROM schema_migrations"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task OpenAsync_PostgresqlUrl_ConnectsLikeTheConnectionString()
    {
        var cluster = await PostgresCluster.GetAsync();
        var name = await cluster.CreateDatabaseAsync("url");
        try
        {
            await using var database = await PostgresMetadataDatabase.OpenAsync(cluster.Url(name), TeamMetadataAreas.Migrations, TimeProvider.System, Ct);

            Assert.Equal(name, database.DatabaseName);
            Assert.Equal(MetadataDialect.PostgreSql, database.Dialect);
            Assert.NotEmpty(await QueryAsync(cluster.ConnectionString(name), "SELECT area FROM schema_migrations"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task OpenAsync_FailingMigration_LeavesNoTableAndNoRecord()
    {
        var cluster = await PostgresCluster.GetAsync();
        var name = await cluster.CreateDatabaseAsync("mig");
        try
        {
            SchemaMigration[] broken =
            [
                new("zz-test", 1, "CREATE TABLE half_done (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
                new("zz-test", 2, "CREATE TABLE half_done (id INTEGER);"),
            ];

            await Assert.ThrowsAsync<PostgresException>(() => PostgresMetadataDatabase.OpenAsync(cluster.ConnectionString(name), broken, TimeProvider.System, Ct));

            // Transactional DDL under one lock: the first step rolled back with the second.
            Assert.Empty(await QueryAsync(cluster.ConnectionString(name), "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(name);
        }
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
