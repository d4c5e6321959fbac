using System.Globalization;
using ChurnOps.Platform.Serving.Files;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Serving;

/// <summary>
/// Parquet input is streamed a row group at a time (typed, no CSV in between): its output must equal the CSV route's row
/// for row, in order, across many row groups, and bad values are placed by their row number across groups.
/// </summary>
public sealed class ParquetScoringTests(ScoredModelFixture fixture) : IClassFixture<ScoredModelFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(1, 2048, 1)]
    [InlineData(4, 2048, 3)]
    public async Task ScoreAsync_ParquetToCsv_SameTextAsTheCsvRoute(int copies, int rowGroupRows, int rowGroups)
    {
        var csv = await CopiesAsync(copies);
        var reference = OutputPath("reference.csv");
        Assert.True((await Scorer().ScoreAsync(Request(csv, reference), None)).Succeeded);
        var input = await ParquetOfAsync(csv, rowGroupRows);
        Assert.Equal(rowGroups, await RowGroupsAsync(input));
        var output = OutputPath("scored.csv");

        var result = await Scorer().ScoreAsync(Request(input, output), None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ScoredModelFixture.Rows * copies, result.Rows);
        Assert.Equal("customer_id", result.IdColumn);
        Assert.Equal(await File.ReadAllLinesAsync(reference), await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task ScoreAsync_ParquetToParquetInManyRowGroups_SameRowsInOrderAsTheCsvRoute()
    {
        var csv = await CopiesAsync(4);
        var reference = OutputPath("reference.csv");
        Assert.True((await Scorer().ScoreAsync(Request(csv, reference), None)).Succeeded);
        var input = await ParquetOfAsync(csv, rowGroupRows: 2048);
        var output = OutputPath("scored.parquet");

        var result = await Scorer().ScoreAsync(Request(input, output), None);

        Assert.True(result.Succeeded, result.Error);
        var scored = await fixture.Project.Workspace.Warehouse.QueryAsync(
            $"SELECT customer_id, probability, label, model_version FROM read_parquet('{output}', file_row_number = true) ORDER BY file_row_number", None);
        var expected = (await File.ReadAllLinesAsync(reference)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, scored.RowCount);
        Assert.Equal(3, await RowGroupsAsync(output));
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r][0], scored["customer_id"].Texts![r]);
            Assert.Equal(float.Parse(expected[r][1], CultureInfo.InvariantCulture), (float)scored["probability"].Numbers![r]);
            Assert.Equal(double.Parse(expected[r][2], CultureInfo.InvariantCulture), scored["label"].Numbers![r]);
            Assert.Equal(1, scored["model_version"].Numbers![r]);
        }
    }

    [Fact]
    public async Task ScoreAsync_ParquetWithLog_LogsEveryRowWithItsId()
    {
        var input = await ParquetOfAsync(fixture.CsvPath, rowGroupRows: 2048);
        var before = await fixture.Project.CountOrZeroAsync("monitoring", "predictions");

        var result = await Scorer().ScoreAsync(Request(input, OutputPath("logged.parquet")) with { Log = true }, None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ScoredModelFixture.Rows, result.LoggedRows);
        Assert.Equal(before + ScoredModelFixture.Rows, await fixture.Project.CountOrZeroAsync("monitoring", "predictions"));
        Assert.Equal(1, await fixture.Project.CountAsync("SELECT count(*) FROM monitoring.predictions WHERE entity_id = 'C001499' AND source = 'batch'"));
    }

    [Fact]
    public async Task ScoreAsync_BadTextNumberInALaterRowGroup_NamesItsRowAndLeavesNoOutput()
    {
        var csv = await CopiesAsync(4);
        var input = OutputPath("bad.parquet");
        await fixture.Project.Workspace.Warehouse.ExecuteAsync($"""
            COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 5001 THEN 'lots' ELSE CAST(monthly_charges AS VARCHAR) END AS monthly_charges)
                  FROM read_csv('{csv}'))
            TO '{input}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """, None);
        Assert.Equal(3, await RowGroupsAsync(input));
        var output = OutputPath("bad-out.parquet");

        var result = await Scorer().ScoreAsync(Request(input, output), None);

        Assert.Equal($"{input}: row 5001: column 'monthly_charges': 'lots' is not a number", result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output) + "*"));
    }

    [Fact]
    public async Task ScoreAsync_ParquetMissingAModelColumn_PreciseError()
    {
        var input = OutputPath("narrow.parquet");
        await fixture.Project.Workspace.Warehouse.ExecuteAsync($"COPY (SELECT customer_id, tenure FROM read_csv('{fixture.CsvPath}')) TO '{input}' (FORMAT parquet)", None);

        var result = await Scorer().ScoreAsync(Request(input, OutputPath("narrow.csv")), None);

        Assert.NotNull(result.Error);
        Assert.StartsWith($"{input}: missing column(s) the model needs: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'monthly_charges'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_NotParquetBytes_PreciseErrorAndNoOutput()
    {
        var input = fixture.Project.WriteFile($"fake-{Guid.NewGuid():N}.parquet", "customer_id,tenure\nC1,3\n");
        var output = OutputPath("fake.csv");

        var result = await Scorer().ScoreAsync(Request(input, output), None);

        Assert.NotNull(result.Error);
        Assert.StartsWith($"{input}: not a readable Parquet file: ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task ScoreAsync_ParquetWithDamagedColumnData_PreciseErrorAndNoOutput()
    {
        var input = await ParquetOfAsync(fixture.CsvPath, rowGroupRows: 2048);
        var bytes = await File.ReadAllBytesAsync(input);
        // Past the 4-byte magic, through the first column chunks; the footer (schema, offsets) stays intact.
        for (var i = 8; i < Math.Min(bytes.Length / 2, 4000); i++)
        {
            bytes[i] = 0xFF;
        }

        await File.WriteAllBytesAsync(input, bytes);
        var output = OutputPath("damaged.csv");

        var result = await Scorer().ScoreAsync(Request(input, output), None);

        Assert.NotNull(result.Error);
        Assert.StartsWith($"{input}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("not readable", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>The fixture's CSV <paramref name="copies"/> times over, one copy after the other.</summary>
    private async Task<string> CopiesAsync(int copies)
    {
        var path = OutputPath($"copies-{copies}.csv");
        await fixture.Project.Workspace.Warehouse.ExecuteAsync($"""
            COPY (SELECT * EXCLUDE (copy, line) FROM (SELECT *, row_number() OVER () AS line FROM read_csv('{fixture.CsvPath}')), range({copies}) AS c(copy) ORDER BY copy, line)
            TO '{path}' (FORMAT csv, HEADER)
            """, None);
        return path;
    }

    /// <summary>A CSV as Parquet with DuckDB's types (VARCHAR, DOUBLE, BOOLEAN, TIMESTAMP) in groups of <paramref name="rowGroupRows"/>.</summary>
    private async Task<string> ParquetOfAsync(string csv, int rowGroupRows)
    {
        var input = OutputPath($"input-{rowGroupRows}.parquet");
        await fixture.Project.Workspace.Warehouse.ExecuteAsync(
            $"COPY (SELECT * FROM read_csv('{csv}')) TO '{input}' (FORMAT parquet, ROW_GROUP_SIZE {rowGroupRows})", None);
        return input;
    }

    private Task<long> RowGroupsAsync(string parquet) => fixture.Project.CountAsync($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{parquet}')");

    private FileScorer Scorer() => fixture.Project.Workspace.Services.GetRequiredService<FileScorer>();

    private string OutputPath(string name)
    {
        var path = Path.Combine(fixture.Project.Root, "out", Guid.NewGuid().ToString("N")[..8] + "-" + name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static FileScoreRequest Request(string input, string output) =>
        new(ModelReference.Parse("churn", "champion").Reference!, input, output, null, false);
}
