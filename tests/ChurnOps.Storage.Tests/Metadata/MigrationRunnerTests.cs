using ChurnOps.Storage.Metadata;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Metadata;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task OpenAsync_NewDatabase_StampsEachMigrationWithTheInjectedClock()
    {
        using var temp = new TempDirectory();
        var at = new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);

        var database = await SqliteMetadataDatabase.OpenAsync(temp.Sub("metadata.db"), SchemaMigrationCatalog.All, new FakeTimeProvider(at), CancellationToken.None);

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT DISTINCT applied_at FROM schema_migrations";
        var stamps = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stamps.Add(reader.GetString(0));
            }
        }

        Assert.Equal([at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)], stamps);
    }
}
