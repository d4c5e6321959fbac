using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>The engine's file readers behind <see cref="IRawFileScan"/> and <see cref="IQueryFileExport"/>, on real files and a real DuckDB file.</summary>
public sealed class DuckDbRawFileScanTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly IRawFileScan _scan = new DuckDbRawFileScan();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LoadAsync_Csv_RowsAsTextWithTheirLinesAndConstants()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("c.csv");
        await File.WriteAllTextAsync(csv, "name;id\nAda;1\n\"Grace; H\";2\n");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["name", "id"], ";"), Insert(csv), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(new RawFileLoaded(2, null), loaded);
        var rows = await warehouse.QueryAsync("SELECT id, name, note, file, line FROM raw.t ORDER BY line", Ct);
        Assert.Equal("1|2", string.Join("|", rows["id"].Texts!));
        Assert.Equal("Ada|Grace; H", string.Join("|", rows["name"].Texts!));
        Assert.Equal(2, rows["note"].Texts!.Count(text => text is null));
        Assert.Equal($"{csv}|{csv}", string.Join("|", rows["file"].Texts!));
        Assert.Equal([2.0, 3.0], rows["line"].Numbers!);
    }

    [Fact]
    public async Task LoadAsync_CsvWithQuotedLineBreaks_LinesAreThePhysicalLines()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("breaks.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,\"b\nc\"\n3,\"x\"\"y\"\n4,\"d\r\ne\nf\"\n5,g\n");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(new RawFileLoaded(5, null), loaded);
        var rows = await warehouse.QueryAsync("SELECT id, name, line FROM raw.t ORDER BY id", Ct);
        Assert.Equal([2.0, 3.0, 5.0, 6.0, 9.0], rows["line"].Numbers!);
        Assert.Equal("x\"y", rows["name"].Texts![2]);
    }

    [Fact]
    public async Task LoadAsync_CsvWithAColumnNamedRowid_LinesStillCountRecords()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("rowid.csv");
        await File.WriteAllTextAsync(csv, "rowid,id,name\n900,1,a\n7,2,b\n");
        var insert = new RawFileInsert("raw.t", [RawFileValue.FromFile("id", "id"), RawFileValue.FromFile("name", "rowid")], "line");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["rowid", "id", "name"], ","), insert, Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(new RawFileLoaded(2, null), loaded);
        var rows = await warehouse.QueryAsync("SELECT name, line FROM raw.t ORDER BY id", Ct);
        Assert.Equal("900|7", string.Join("|", rows["name"].Texts!));
        Assert.Equal([2.0, 3.0], rows["line"].Numbers!);
    }

    [Fact]
    public async Task LoadAsync_LargeCsvReadInParallel_EveryRowKeepsItsLine()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("large.csv");
        // Several of the reader's buffers, so the file is parsed by more than one thread where there are cores.
        await using (var writer = new StreamWriter(csv))
        {
            await writer.WriteLineAsync("id,name");
            for (var i = 1; i <= 400_000; i++)
            {
                await writer.WriteLineAsync($"{i},name-{i}-padding-padding-padding-padding");
            }
        }

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(new RawFileLoaded(400_000, null), loaded);
        Assert.Equal(0L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT count(*) FROM raw.t WHERE line <> CAST(id AS BIGINT) + 1", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LoadAsync_CsvWithRaggedRows_FirstMalformedLineAndHowManyMore()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("ragged.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,b,extra\n3,c\n4\n");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var first = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);
        var again = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);

        Assert.NotNull(first.Error);
        Assert.StartsWith("line 3", first.Error, StringComparison.Ordinal);
        Assert.Contains("malformed row: ", first.Error, StringComparison.Ordinal);
        Assert.EndsWith("(and 1 more malformed lines)", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', first.Error);

        // Each scan has its own reject tables: the second file reports its own rejects, not the first one's twice.
        Assert.Equal(first.Error, again.Error);
    }

    [Fact]
    public async Task LoadAsync_Parquet_LinesAreTheZeroBasedRowIndex()
    {
        var warehouse = await OpenWithRawTableAsync();
        var parquet = _temp.Sub("c.parquet");
        await warehouse.ExecuteAsync($"COPY (SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(id, name)) TO {SqlIdentifier.Literal(parquet)} (FORMAT parquet)", Ct);

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var columns = await _scan.ColumnsAsync(transaction, RawFile.Parquet(parquet), Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Parquet(parquet), Insert(parquet), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(["id", "name"], columns.Names);
        Assert.Equal(3, loaded.Rows);
        var rows = await warehouse.QueryAsync("SELECT id, line FROM raw.t ORDER BY line", Ct);
        Assert.Equal("1|2|3", string.Join("|", rows["id"].Texts!));
        Assert.Equal([0.0, 1.0, 2.0], rows["line"].Numbers!);
    }

    [Fact]
    public async Task ColumnsAsync_NotParquet_ErrorAsAValue()
    {
        var warehouse = await OpenWithRawTableAsync();
        var fake = _temp.Sub("fake.parquet");
        await File.WriteAllTextAsync(fake, "id,name\n1,a\n");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var columns = await _scan.ColumnsAsync(transaction, RawFile.Parquet(fake), Ct);

        Assert.Empty(columns.Names);
        Assert.StartsWith("not a readable Parquet file: ", columns.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', columns.Error!);
    }

    [Fact]
    public async Task ColumnsAsync_Csv_IsTheHeaderAlreadyRead()
    {
        var warehouse = await OpenWithRawTableAsync();

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var columns = await _scan.ColumnsAsync(transaction, RawFile.Csv(_temp.Sub("not-read.csv"), ["b", "a"], "|"), Ct);

        Assert.Equal(["b", "a"], columns.Names);
        Assert.Null(columns.Error);
    }

    [Theory]
    [InlineData(WarehouseFileFormat.Parquet, "out.parquet")]
    [InlineData(WarehouseFileFormat.Csv, "out.csv")]
    public async Task QueryFileExport_WriteThenCount_CountsTheWrittenRows(WarehouseFileFormat format, string name)
    {
        var warehouse = await OpenWithRawTableAsync();
        var path = _temp.Sub(name);
        IQueryFileExport export = new DuckDbQueryFileExport();

        await export.WriteAsync(warehouse, "SELECT range AS n FROM range(5)", path, format, Ct);

        Assert.Equal(5, await export.CountRowsAsync(warehouse, path, format, Ct));
        if (format == WarehouseFileFormat.Csv)
        {
            Assert.Equal("n", (await File.ReadAllLinesAsync(path))[0]);
        }
    }

    [Fact]
    public async Task QueryFileExport_BadQuery_ThrowsTheWarehouseRefusal()
    {
        var warehouse = await OpenWithRawTableAsync();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => new DuckDbQueryFileExport().WriteAsync(warehouse, "SELECT * FROM no_such_table", _temp.Sub("x.parquet"), WarehouseFileFormat.Parquet, Ct));
    }

    [Fact]
    public async Task ReadAsync_CsvWithQuotedLineBreaks_RelationAndKeptFileSelectGiveTheSameTextAndLines()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("breaks.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,\"b\nc\"\n3,\"x\"\"y\"\n4,\"d\r\ne\nf\"\n5,g\n");
        var file = RawFile.Csv(csv, ["id", "name"], ",");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var read = await _scan.ReadAsync(transaction, file, Insert(csv), Ct);
        var fromRelation = await transaction.QueryAsync($"SELECT id, name, line FROM {read.Relation} r ORDER BY id", Ct);
        var select = _scan.KeptFileSelect(file, Insert(csv), read.QuotedLineBreaks);
        var fromView = await transaction.QueryAsync($"SELECT id, name, line FROM ({select}) v ORDER BY id", Ct);

        Assert.Null(read.Error);
        Assert.Equal(5, read.Rows);
        Assert.True(read.QuotedLineBreaks);
        Assert.Equal([2.0, 3.0, 5.0, 6.0, 9.0], fromRelation["line"].Numbers!);
        Assert.Equal(fromRelation["line"].Numbers!, fromView["line"].Numbers!);
        Assert.Equal(fromRelation["name"].Texts!, fromView["name"].Texts!);
        Assert.Equal(0L, Convert.ToInt64(await transaction.ScalarAsync("SELECT count(*) FROM raw.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task KeptFileSelect_LargeCsv_EveryRowHasTheLineTheParallelReadGaveIt()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("large.csv");
        await using (var writer = new StreamWriter(csv))
        {
            await writer.WriteLineAsync("id,name");
            for (var i = 1; i <= 400_000; i++)
            {
                await writer.WriteLineAsync($"{i},name-{i}-padding-padding-padding-padding");
            }
        }

        var file = RawFile.Csv(csv, ["id", "name"], ",");
        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var read = await _scan.ReadAsync(transaction, file, Insert(csv), Ct);
        var select = _scan.KeptFileSelect(file, Insert(csv), read.QuotedLineBreaks);

        Assert.Equal(400_000, read.Rows);
        Assert.Equal(0L, Convert.ToInt64(await transaction.ScalarAsync($"SELECT count(*) FROM {read.Relation} r WHERE line <> CAST(id AS BIGINT) + 1", Ct), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(await transaction.ScalarAsync($"SELECT count(*) FROM ({select}) v WHERE line <> CAST(id AS BIGINT) + 1", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadAsync_CsvWithRaggedRows_FirstMalformedLineAndNoRelation()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("ragged.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,b,extra\n3,c\n");

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var read = await _scan.ReadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);

        Assert.StartsWith("line 3", read.Error, StringComparison.Ordinal);
        Assert.Null(read.Relation);
    }

    [Fact]
    public async Task ReadAsync_CsvMixingCrlfAndLf_NamesTheLineEndingsInOneLine()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("mixed.csv");
        await File.WriteAllTextAsync(csv, string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},n{i}" + (i % 2 == 0 ? "\r\n" : "\n"))).Insert(0, "id,name\r\n"));

        await using var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var read = await _scan.ReadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);

        Assert.Null(read.Relation);
        Assert.Equal("unreadable CSV: it mixes CRLF and LF line endings; convert it to one kind (e.g. dos2unix) and ingest it again", read.Error);
    }

    private static RawFileInsert Insert(string file) => new(
        "raw.t",
        [RawFileValue.FromFile("id", "id"), RawFileValue.FromFile("name", "name"), RawFileValue.Fixed("note", "NULL"), RawFileValue.Fixed("file", SqlIdentifier.Literal(file))],
        "line");

    private async Task<DuckDbWarehouse> OpenWithRawTableAsync()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_temp.Sub("w.duckdb"), Ct);
        await warehouse.ExecuteInTransactionAsync(
            ["CREATE SCHEMA IF NOT EXISTS raw", "CREATE TABLE raw.t (id VARCHAR, name VARCHAR, note VARCHAR, file VARCHAR, line BIGINT)"],
            Ct);
        return warehouse;
    }
}
