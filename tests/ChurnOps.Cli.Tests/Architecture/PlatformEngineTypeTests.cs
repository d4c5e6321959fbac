namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// ChurnOps.Platform names no DuckDB, SQLite or Npgsql type, not even through Storage: the composition root picks the
/// engines by configuration (AddEmbeddedStorage, AddTeamMetadata) and everything else sees Core's store interfaces.
/// </summary>
public sealed class PlatformEngineTypeTests
{
    [Fact]
    public void Platform_NamesNoEngineType()
    {
        var platform = typeof(ChurnOps.Platform.Composition.ChurnOpsServiceCollectionExtensions).Assembly.Location;

        Assert.Empty(EngineTypeScan.Violations(EngineTypeScan.TypeNames(platform)));
    }

    [Fact]
    public void Storage_NamesEngineTypes()
    {
        // Guards the scan: Storage's metadata really does name the engines, so an empty Platform result means something.
        var storage = typeof(ChurnOps.Storage.Metadata.MetadataDatabase).Assembly.Location;

        var found = EngineTypeScan.Violations(EngineTypeScan.TypeNames(storage));

        Assert.Contains("Npgsql.NpgsqlDataSource", found);
        Assert.Contains("Microsoft.Data.Sqlite.SqliteConnection", found);
        Assert.Contains("ChurnOps.Storage.Warehouse.DuckDbWarehouse", found);
    }

    [Fact]
    public void Violations_EngineNamesInAnyCase_ReportedOnceEach()
    {
        var found = EngineTypeScan.Violations(["System.String", "DuckDB.NET.Data.DuckDBConnection", "X.SqliteThing", "X.SqliteThing", "Npgsql.NpgsqlCommand", "ChurnOps.Core.Events.IEventLog"]);

        Assert.Equal(["DuckDB.NET.Data.DuckDBConnection", "Npgsql.NpgsqlCommand", "X.SqliteThing"], found);
    }
}
