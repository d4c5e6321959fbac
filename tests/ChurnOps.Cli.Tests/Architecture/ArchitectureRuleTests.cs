namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>Tests of the architecture tests: each check, fed a deliberately broken input, reports it.</summary>
public sealed class ArchitectureRuleTests
{
    private static Dictionary<string, IReadOnlyCollection<string>> Graph(params (string From, string[] To)[] edges) =>
        edges.ToDictionary(edge => edge.From, edge => (IReadOnlyCollection<string>)edge.To, StringComparer.Ordinal);

    [Fact]
    public void ForbiddenEdges_TheDesignedGraph_ReportsNothing()
    {
        var graph = Graph(LayerGraph.Allowed.Select(pair => (pair.Key, pair.Value.Append("System.Runtime").ToArray())).ToArray());

        Assert.Empty(LayerGraph.ForbiddenEdges(graph));
    }

    [Fact]
    public void ForbiddenEdges_ServerUsesStorage_ReportsTheLayerSkip()
    {
        var graph = Graph((LayerGraph.Server, [LayerGraph.Platform, LayerGraph.Storage, "System.Runtime"]));

        Assert.Equal(["ChurnOps.Server -> ChurnOps.Storage"], LayerGraph.ForbiddenEdges(graph));
    }

    [Fact]
    public void ForbiddenEdges_EdgesPointingRight_ReportsEachOne()
    {
        var graph = Graph(
            (LayerGraph.Core, [LayerGraph.Training]),
            (LayerGraph.Storage, [LayerGraph.Core, LayerGraph.Platform]),
            (LayerGraph.Platform, [LayerGraph.Server]),
            (LayerGraph.Server, [LayerGraph.Cli]));

        Assert.Equal(
            ["ChurnOps.Core -> ChurnOps.Training", "ChurnOps.Platform -> ChurnOps.Server", "ChurnOps.Server -> ChurnOps.Cli", "ChurnOps.Storage -> ChurnOps.Platform"],
            LayerGraph.ForbiddenEdges(graph));
    }

    [Fact]
    public void ForbiddenEdges_AProjectOutsideTheDesign_IsReported()
    {
        var graph = Graph(("ChurnOps.Scheduler", [LayerGraph.Core]));

        Assert.Equal(["ChurnOps.Scheduler: not a project of the architecture"], LayerGraph.ForbiddenEdges(graph));
    }

    [Fact]
    public void EngineReferences_PlatformUsesDuckDbSqliteAndNpgsql_ReportsEach()
    {
        var graph = Graph(
            (LayerGraph.Platform, [LayerGraph.Core, "DuckDB.NET.Data", "Microsoft.Data.Sqlite", "Npgsql", "Microsoft.Extensions.Logging.Abstractions"]),
            (LayerGraph.Storage, ["DuckDB.NET.Data"]));

        Assert.Equal(
            ["ChurnOps.Platform -> DuckDB.NET.Data", "ChurnOps.Platform -> Microsoft.Data.Sqlite", "ChurnOps.Platform -> Npgsql"],
            LayerGraph.EngineReferences(graph));
    }

    [Theory]
    [InlineData("var now = DateTime.UtcNow;", "DateTime.UtcNow")]
    [InlineData("var now = DateTime.Now;", "DateTime.Now")]
    [InlineData("var today = DateTime.Today;", "DateTime.Today")]
    [InlineData("var at = DateTimeOffset.UtcNow.ToString(\"O\");", "DateTimeOffset.UtcNow")]
    [InlineData("var at = System.DateTimeOffset . Now;", "DateTimeOffset.Now")]
    public void ClockScan_AClockRead_IsReported(string line, string expected)
    {
        var source = $"namespace X;\n\ninternal static class Y\n{{\n    public static void Z()\n    {{\n        {line}\n    }}\n}}\n";

        Assert.Equal([$"A/Y.cs: {expected}"], ClockScan.Violations("A/Y.cs", source));
    }

    [Theory]
    [InlineData("var now = time.GetUtcNow();")]
    [InlineData("// not DateTime.UtcNow: the clock comes from TimeProvider")]
    [InlineData("/// <summary>Unlike DateTime.Now, this is testable.</summary>")]
    [InlineData("var d = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);")]
    [InlineData("var MyDateTime.UtcNowish = 1;")]
    public void ClockScan_NoClockRead_ReportsNothing(string line)
    {
        Assert.Empty(ClockScan.Violations("A/Y.cs", line));
    }

    [Theory]
    [InlineData("var sql = $\"SELECT * FROM read_csv({path}, store_rejects = true)\";", "read_csv store_rejects")]
    [InlineData("var sql = \"INSERT INTO t SELECT *, file_row_number FROM READ_PARQUET('a.parquet', file_row_number = true)\";", "file_row_number read_parquet")]
    [InlineData("var sql = \"SELECT count(*) FROM duckdb_tables() WHERE table_name = 'x'\";", "duckdb_tables")]
    [InlineData("var sql = \"SELECT * FROM a ASOF LEFT JOIN b ON a.k = b.k AND a.t >= b.t\";", "asof")]
    [InlineData("var sql = $\"COPY ({query}) TO 'x.parquet' (FORMAT PARQUET)\";", "copy(")]
    [InlineData("var sql = $\"SELECT COUNT(*) FROM read_csv_auto('x.csv')\";", "read_csv_auto")]
    public void EngineSqlScan_DuckDbOnlySql_IsReported(string line, string expected)
    {
        var source = $"namespace X;\n\ninternal static class Y\n{{\n    public static string Z(string path, string query)\n    {{\n        {line}\n        return sql;\n    }}\n}}\n";

        Assert.Equal(expected.Split(' ').Select(token => $"A/Y.cs: {token}"), EngineSqlScan.Violations("A/Y.cs", source));
    }

    [Theory]
    [InlineData("var asOf = options.AsOf.ToUniversalTime();")]
    [InlineData("File.Copy(temp, target);")]
    [InlineData("// DuckDB's read_csv guesses wrong here, so the header is read first")]
    [InlineData("/// <summary>Unlike read_parquet, this is portable.</summary>")]
    [InlineData("var sql = \"SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw'\";")]
    [InlineData("var reader = new CsvReader(path);")]
    public void EngineSqlScan_PortableCodeOrComments_ReportsNothing(string line)
    {
        Assert.Empty(EngineSqlScan.Violations("A/Y.cs", line));
    }

    [Theory]
    [InlineData("return await DuckDbWarehouse.ReadAllAsync(reader, ct);", "DuckDbWarehouse")]
    [InlineData("var schemas = DuckDbWarehouse.StandardSchemas.Concat(DuckDbMessage.Of(ex));", "DuckDbWarehouse DuckDbMessage")]
    public void DuckDbTypeScan_ChurnOpsDuckDbTypes_AreReported(string line, string expected)
    {
        Assert.Equal(expected.Split(' ').Select(type => $"A/Y.cs: {type}"), DuckDbTypeScan.Violations("A/Y.cs", line));
    }

    [Theory]
    [InlineData("await using var reader = new DuckDBConnection(\"Data Source=:memory:\");")]
    [InlineData("catch (DuckDBException ex)")]
    [InlineData("/// <summary>The same rows as DuckDbWarehouse gives.</summary>")]
    [InlineData("// unlike DuckDbWarehouse, no writer lock")]
    public void DuckDbTypeScan_TheDuckDbLibraryOrComments_ReportsNothing(string line)
    {
        Assert.Empty(DuckDbTypeScan.Violations("A/Y.cs", line));
    }

    [Fact]
    public void SealedClasses_AnOpenClass_IsReported()
    {
        var violations = SealedClasses.Violations([typeof(OpenClass), typeof(ClosedClass), typeof(BaseClass), typeof(StaticClass), typeof(ARecord), typeof(IAnInterface), typeof(AStruct)]);

        Assert.Equal([typeof(OpenClass).FullName!], violations);
    }

    [Fact]
    public void SealedClasses_CompilerGeneratedTypes_AreSkipped()
    {
        // A lambda's closure and an iterator are open classes made by the compiler, nested in this test class.
        var nested = typeof(ArchitectureRuleTests).GetNestedTypes(System.Reflection.BindingFlags.NonPublic);

        Assert.Contains(nested, type => type.Name.Contains('<', StringComparison.Ordinal));
        Assert.Empty(SealedClasses.Violations(nested.Where(type => type.Name.Contains('<', StringComparison.Ordinal))));
    }

[Fact]
    public void Drift_ExactlyTheListedViolations_IsNull()
    {
        Assert.Null(KnownViolations.Drift([new("A -> B", "issue 1")], ["A -> B"]));
    }

    [Fact]
    public void Drift_ANewViolation_IsReported()
    {
        var drift = KnownViolations.Drift([new("A -> B", "issue 1")], ["A -> B", "A -> C"]);

        Assert.Equal("new violations (fix them): [A -> C]; no longer happening (remove them from KnownViolations): []", drift);
    }

    [Fact]
    public void Drift_AListedViolationThatNoLongerHappens_IsReported()
    {
        var drift = KnownViolations.Drift([new("A -> B", "issue 1"), new("A -> C", "issue 2")], ["A -> B"]);

        Assert.Equal("new violations (fix them): []; no longer happening (remove them from KnownViolations): [A -> C]", drift);
    }

    [Fact]
    public void KnownViolations_EachNamesTheIssueItWaitsFor()
    {
        var all = KnownViolations.Layers.Concat(KnownViolations.Engines).Concat(KnownViolations.Clock).Concat(KnownViolations.Unsealed).ToList();

        Assert.All(all, entry => Assert.Contains("issue ", entry.WaitsFor, StringComparison.Ordinal));
        Assert.Equal(all.Count, all.Select(entry => entry.Violation).Distinct(StringComparer.Ordinal).Count());
    }

#pragma warning disable CA1852, CA1812 // deliberately open or unused: these are the inputs of the checks above
    private class OpenClass;

    private sealed class ClosedClass;

    private abstract class BaseClass;

    private static class StaticClass;

    private sealed record ARecord(int Value);

    private interface IAnInterface;

    private struct AStruct;
#pragma warning restore CA1852, CA1812
}
