using System.Text.Json.Nodes;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Tests.Monitoring;

public sealed class PredictionLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Flush_WhileTheWriterLoopRuns_ReturnsOnlyOnceEveryQueuedPredictionIsInTheWarehouse()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"));
        using var stop = new CancellationTokenSource();
        var loop = log.RunAsync(stop.Token);

        // Each round races the loop (which wakes on the first record) against the flush; the flush must still see all.
        for (var round = 1; round <= 20; round++)
        {
            for (var i = 0; i < round; i++)
            {
                await log.EnqueueAsync(Record($"r{round}-{i}"), CancellationToken.None);
            }

            await log.FlushAsync(CancellationToken.None);
            Assert.Equal(round * (round + 1) / 2, await CountAsync(warehouse));
        }

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Shutdown_WhenTheWarehouseRefusesWrites_SpoolsThePredictions_AndTheNextStartWritesThem()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);

        // A table of the wrong shape makes every append fail, as a broken or foreign warehouse would.
        await warehouse.ExecuteAsync("CREATE TABLE monitoring.predictions (only_column INTEGER)", CancellationToken.None);
        var spool = _dir.Sub("spool");
        var failing = new PredictionLog(Writer(warehouse), spool, shutdownBudget: TimeSpan.FromMilliseconds(300));
        using (var stop = new CancellationTokenSource())
        {
            var loop = failing.RunAsync(stop.Token);
            for (var i = 0; i < 6; i++)
            {
                await failing.EnqueueAsync(Record($"p{i}", inputs: i == 3 ? """{"note":"line\nbreak"}""" : null), CancellationToken.None);
            }

            // A record still carrying its scored row has that row written out as its inputs when it is spooled.
            await failing.EnqueueAsync(Record("p6") with { InputRow = new PredictionInputRow(ScoredRows(), 1) }, CancellationToken.None);
            await WaitUntilAsync(() => failing.FailedWrites > 0);
            await stop.CancelAsync();
            await loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(7, failing.Spooled);
        Assert.Single(Directory.GetFiles(spool, "*.jsonl"));
        Assert.Empty(Directory.GetFiles(spool, "*.tmp"));

        await warehouse.ExecuteAsync("DROP TABLE monitoring.predictions", CancellationToken.None);
        var next = new PredictionLog(Writer(warehouse), spool);
        using (var stop = new CancellationTokenSource())
        {
            var loop = next.RunAsync(stop.Token);
            await WaitUntilAsync(() => next.Written == 7);
            await stop.CancelAsync();
            await loop;
        }

        Assert.Equal(7, await CountAsync(warehouse));
        Assert.Empty(Directory.GetFiles(spool));
        var inputs = await warehouse.QueryAsync("SELECT inputs FROM monitoring.predictions WHERE prediction_id = 'p3'", CancellationToken.None);
        Assert.Equal("""{"note":"line\nbreak"}""", inputs["inputs"].Texts![0]);
        var spooledRow = await warehouse.QueryAsync("SELECT inputs FROM monitoring.predictions WHERE prediction_id = 'p6'", CancellationToken.None);
        AssertInputsEqualRow(ScoredRows(), 1, spooledRow["inputs"].Texts![0]);
    }

    [Fact]
    public async Task Flush_RecordsCarryingTheirScoredRow_WritesEachRowsInputsAsJsonEqualToTheRowValues()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"));
        var data = ScoredRows();
        for (var row = 0; row < data.RowCount; row++)
        {
            await log.EnqueueAsync(Record($"row{row}") with { InputRow = new PredictionInputRow(data, row) }, CancellationToken.None);
        }

        await log.FlushAsync(CancellationToken.None);

        var written = await warehouse.QueryAsync("SELECT prediction_id, inputs FROM monitoring.predictions ORDER BY prediction_id", CancellationToken.None);
        Assert.Equal(data.RowCount, written.RowCount);
        for (var row = 0; row < data.RowCount; row++)
        {
            Assert.Equal($"row{row}", written["prediction_id"].Texts![row]);
            AssertInputsEqualRow(data, row, written["inputs"].Texts![row]);
        }

        // Stored as JSON text the warehouse can query, like every other inputs row.
        var contract = await warehouse.QueryAsync("SELECT json_extract_string(inputs, '$.contract_type') AS c FROM monitoring.predictions WHERE prediction_id = 'row2'", CancellationToken.None);
        Assert.Equal("quote \" and é\nnew line", contract["c"].Texts![0]);
    }

    [Fact]
    public async Task Shutdown_WithAHealthyWarehouse_WritesEverythingAndSpoolsNothing()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), CancellationToken.None);
        var log = new PredictionLog(Writer(warehouse), _dir.Sub("spool"));
        using var stop = new CancellationTokenSource();
        var loop = log.RunAsync(stop.Token);
        for (var i = 0; i < 12_000; i++)
        {
            await log.EnqueueAsync(Record($"h{i}"), CancellationToken.None);
        }

        await stop.CancelAsync();
        await loop;

        Assert.Equal(12_000, await CountAsync(warehouse));
        Assert.Equal(0, log.Spooled);
        Assert.False(Directory.Exists(_dir.Sub("spool")));
    }

    public void Dispose() => _dir.Dispose();

    private static PredictionRecord Record(string id, string? inputs = null) =>
        new(id, "churn", 1, "C1", 0.25, false, "online", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), inputs);

    /// <summary>Three scored rows with text, missing text, NaN, a boolean and awkward characters.</summary>
    private static TabularData ScoredRows() => new(
    [
        TabularColumn.Numeric("monthly_charges", [70.25, double.NaN, -0.000123]),
        TabularColumn.Text("contract_type", ["Month-to-month", null, "quote \" and é\nnew line"]),
        TabularColumn.Numeric("has_partner", [1, 0, 1], ColumnKind.Boolean),
        TabularColumn.Numeric("tenure_months", [12, 0, 1e15]),
    ]);

    private static void AssertInputsEqualRow(TabularData data, int row, string? json)
    {
        var inputs = JsonNode.Parse(json!)!.AsObject();
        Assert.Equal(data.Columns.Select(c => c.Name), inputs.Select(p => p.Key));
        foreach (var column in data.Columns)
        {
            var value = inputs[column.Name];
            if (column.IsMissing(row))
            {
                Assert.Null(value);
            }
            else if (column.Texts is { } texts)
            {
                Assert.Equal(texts[row], value!.GetValue<string>());
            }
            else
            {
                Assert.Equal(column.Numbers![row], value!.GetValue<double>());
            }
        }
    }

    private static PredictionWriter Writer(DuckDbWarehouse warehouse) => new(warehouse, new DuckDbWarehouseAppender(warehouse));

    private static async Task<long> CountAsync(DuckDbWarehouse warehouse)
    {
        var result = await warehouse.QueryAsync("SELECT count(*) AS n FROM monitoring.predictions", CancellationToken.None);
        return Convert.ToInt64(result["n"].Numbers![0]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
