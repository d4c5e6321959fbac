namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// The rules of design/ARCHITECTURE.md and STYLE.md over the real product: the built assemblies and the src/ tree. Each
/// check is a pure function (tested with broken inputs in <see cref="ArchitectureRuleTests"/>); here it meets the code.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void ProjectReferences_FollowTheLayerGraph_ExceptTheKnownViolations()
    {
        var references = SourceTree.References();

        AssertExactly(KnownViolations.Layers, LayerGraph.ForbiddenEdges(references));
    }

    [Fact]
    public void ProjectReferences_CoverEveryProjectAndRealEdges()
    {
        // Guards the graph test against passing on an empty or unreadable graph.
        var references = SourceTree.References();

        Assert.Equal(LayerGraph.Allowed.Keys.Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(LayerGraph.Core, references[LayerGraph.Platform]);
        Assert.Contains(LayerGraph.Platform, references[LayerGraph.Server]);
        Assert.Contains(LayerGraph.Server, references[LayerGraph.Cli]);
    }

    [Fact]
    public void Platform_ReferencesNoDatabaseEngine_ExceptTheKnownViolations()
    {
        AssertExactly(KnownViolations.Engines, LayerGraph.EngineReferences(SourceTree.References()));
    }

    [Fact]
    public void Storage_ReferencesTheEngines()
    {
        // The engine check looks for the names Storage really references; if those names changed it would see nothing.
        var storage = SourceTree.References()[LayerGraph.Storage];

        Assert.Contains(storage, name => name.StartsWith("DuckDB", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Data.Sqlite", storage);
        Assert.Contains("StackExchange.Redis", storage);
        Assert.Contains("AWSSDK.S3", storage);
    }

    [Fact]
    public void Sources_ReadNoClock_ExceptTheKnownViolations()
    {
        AssertExactly(KnownViolations.Clock, ClockScan.ScanTree(SourceTree.SrcDirectory()));
    }

    [Fact]
    public void PlatformSources_StateNoDuckDbOnlySql()
    {
        // Engine dialect (file readers, reject tables, ASOF, COPY TO) lives in Storage behind Core roles; the project
        // template's feature SQL (*.sql) is the user's warehouse SQL and is not scanned.
        AssertExactly([], EngineSqlScan.ScanTree(Path.Combine(SourceTree.SrcDirectory(), LayerGraph.Platform)));
    }

    [Fact]
    public void StorageSources_StateDuckDbOnlySql()
    {
        // Guards the Platform scan: the same scan over Storage must find the dialect that moved there.
        var storage = EngineSqlScan.ScanTree(Path.Combine(SourceTree.SrcDirectory(), LayerGraph.Storage));

        Assert.Contains("Warehouse/DuckDbRawFileScan.cs: store_rejects", storage);
        Assert.Contains("Warehouse/DuckDbQueryFileExport.cs: copy(", storage);
    }

    [Fact]
    public void PostgresWarehouseSources_NameNoDuckDbWarehouseType()
    {
        // The PostgreSQL warehouse shares engine-neutral helpers (WarehouseResults, WarehouseSchemas) with the DuckDB one
        // instead of reaching into it; the Storage-wide scan guards the pattern against matching nothing.
        var storage = Path.Combine(SourceTree.SrcDirectory(), LayerGraph.Storage);

        Assert.Empty(DuckDbTypeScan.ScanTree(Path.Combine(storage, "Warehouse", "Postgres")));
        Assert.Contains("Warehouse/DuckDbWarehouse.cs: DuckDbWarehouse", DuckDbTypeScan.ScanTree(storage));
    }

    [Fact]
    public void Sources_AreTheWholeProduct()
    {
        // Guards the clock scan against scanning the wrong folder.
        var files = Directory.EnumerateFiles(SourceTree.SrcDirectory(), "*.cs", SearchOption.AllDirectories).ToList();

        Assert.Contains(files, file => file.EndsWith(Path.Combine("ChurnOps.Server", "Program.cs"), StringComparison.Ordinal));
        Assert.True(files.Count > 300, $"only {files.Count} source files found");
    }

    [Fact]
    public void Classes_AreSealedAbstractOrStatic_ExceptTheKnownViolations()
    {
        var types = SourceTree.LoadAll().SelectMany(assembly => assembly.GetTypes());

        AssertExactly(KnownViolations.Unsealed, SealedClasses.Violations(types));
    }

    private static void AssertExactly(IReadOnlyList<KnownViolation> known, IReadOnlyList<string> actual)
    {
        var drift = KnownViolations.Drift(known, actual);
        Assert.True(drift is null, drift);
    }
}
