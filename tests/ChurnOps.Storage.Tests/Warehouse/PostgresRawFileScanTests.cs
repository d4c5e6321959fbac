using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Files;
using ChurnOps.Storage.Warehouse.Postgres;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// The PostgreSQL warehouse's file roles on real files and a real server: CSV parsed here and streamed by binary COPY
/// with each record's true line (quoted line breaks included), Parquet read by an in-memory DuckDB, query results
/// exported to CSV and Parquet.
/// </summary>
public sealed class PostgresRawFileScanTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly TempPostgresWarehouse _postgres = new(database);
    private readonly IRawFileScan _scan = new PostgresRawFileScan();

    public Task InitializeAsync() => _postgres.ResetAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync().AsTask();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LoadAsync_Csv_RowsAsTextWithTheirLinesAndConstants()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("c.csv");
        await File.WriteAllTextAsync(csv, "name;id\nAda;1\n\"Grace; H\";2\n");

        await using var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct);
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
    public async Task LoadAsync_CsvWithQuotedLineBreaksAndCrLf_EachRecordAtTheLineItStarts()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("multiline.csv");
        await File.WriteAllTextAsync(csv, "id,name\r\n1,\"two\r\nlines\"\r\n2,\"say \"\"hi\"\"\"\r\n\r\n3,\"a\nb\nc\"\n4,\n");

        await using var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(new RawFileLoaded(4, null), loaded);
        var rows = await warehouse.QueryAsync("SELECT id, name, line FROM raw.t ORDER BY line", Ct);
        Assert.Equal("1|2|3|4", string.Join("|", rows["id"].Texts!));
        Assert.Equal("two\r\nlines|say \"hi\"|a\nb\nc|(null)", string.Join("|", rows["name"].Texts!.Select(t => t ?? "(null)")));
        Assert.Equal([2.0, 4.0, 6.0, 9.0], rows["line"].Numbers!);
    }

    [Fact]
    public async Task LoadAsync_CsvWithRaggedRows_FirstMalformedLineAndHowManyMore()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("ragged.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,\"a\nb\"\n2,b,extra\n3,c\n4\n");

        await using (var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct))
        {
            var first = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);

            Assert.Equal("line 4: malformed row: expected 2 columns, found 3 (and 1 more malformed lines)", first.Error);
        }

        Assert.Equal(0L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT count(*) FROM raw.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LoadAsync_UnterminatedQuote_MalformedAtItsLine()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("open.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,\"never closed\n3,c\n");

        await using var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var loaded = await _scan.LoadAsync(transaction, RawFile.Csv(csv, ["id", "name"], ","), Insert(csv), Ct);

        Assert.StartsWith("line 3: malformed row: unterminated quoted field", loaded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Parquet_LinesAreTheZeroBasedRowIndex()
    {
        var warehouse = await OpenWithRawTableAsync();
        var csv = _temp.Sub("in.csv");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n2,b\n3,c\n");
        var parquet = _temp.Sub("c.parquet");
        Assert.Null(await new DuckDbParquetConverter().FromCsvAsync(csv, parquet, new Dictionary<string, string> { ["id"] = "INTEGER" }, Ct));

        await using var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct);
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

        await using var transaction = await new PostgresWarehouseTransactions(warehouse).BeginAsync([], Ct);
        var columns = await _scan.ColumnsAsync(transaction, RawFile.Parquet(fake), Ct);

        Assert.Empty(columns.Names);
        Assert.StartsWith("not a readable Parquet file: ", columns.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', columns.Error!);
    }

    [Theory]
    [InlineData(WarehouseFileFormat.Parquet, "out.parquet")]
    [InlineData(WarehouseFileFormat.Csv, "out.csv")]
    public async Task QueryFileExport_WriteThenCount_CountsTheWrittenRows(WarehouseFileFormat format, string name)
    {
        var warehouse = await OpenWithRawTableAsync();
        var path = _temp.Sub(name);
        IQueryFileExport export = new PostgresQueryFileExport();

        await export.WriteAsync(warehouse, "SELECT n, CAST(n AS DOUBLE PRECISION) / 3 AS third FROM generate_series(1, 5) AS g(n)", path, format, Ct);

        Assert.Equal(5, await export.CountRowsAsync(warehouse, path, format, Ct));
        if (format == WarehouseFileFormat.Csv)
        {
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("n,third", lines[0]);
            Assert.Equal(1.0 / 3, double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static RawFileInsert Insert(string file) => new(
        "raw.t",
        [RawFileValue.FromFile("id", "id"), RawFileValue.FromFile("name", "name"), RawFileValue.Fixed("note", "NULL"), RawFileValue.Fixed("file", SqlIdentifier.Literal(file))],
        "line");

    private async Task<PostgresWarehouse> OpenWithRawTableAsync()
    {
        var warehouse = await _postgres.OpenAsync();
        await warehouse.ExecuteAsync("CREATE TABLE raw.t (id VARCHAR, name VARCHAR, note VARCHAR, file VARCHAR, line BIGINT)", Ct);
        return warehouse;
    }
}
