using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Tests.Scoring;

public sealed class ScoringEngineTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public async Task SaveAsync_ThenLoadAsync_GivesIdenticalScoresAndSignature()
    {
        using var original = new ScoringEngine(fixture.Package, poolSize: 2);
        using var stream = new MemoryStream();
        await fixture.Package.SaveAsync(stream, CancellationToken.None);
        stream.Position = 0;

        var loaded = await ModelPackage.LoadAsync(stream, CancellationToken.None);
        using var reloaded = new ScoringEngine(loaded, poolSize: 2);

        Assert.Equal(fixture.Package.Signature.Inputs, loaded.Signature.Inputs);
        Assert.Equal(fixture.Package.Threshold, loaded.Threshold);
        Assert.Equal(fixture.Package.Metadata.Trainer, loaded.Metadata.Trainer);
        Assert.Equal(original.ScoreBatch(fixture.Data), reloaded.ScoreBatch(fixture.Data));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(original.Score(Row(fixture.Data, i)), reloaded.Score(Row(fixture.Data, i)));
        }
    }

    [Fact]
    public async Task Score_From100ParallelTasks_EqualsSequentialScores()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 4);
        var rows = Enumerable.Range(0, 400).Select(i => Row(fixture.Data, i)).ToArray();
        var sequential = rows.Select(engine.Score).ToArray();

        var parallel = new ScoreResult[rows.Length];
        await Task.WhenAll(Enumerable.Range(0, 100).Select(t => Task.Run(() =>
        {
            for (var i = t; i < rows.Length; i += 100)
            {
                parallel[i] = engine.Score(rows[i]);
            }
        })));

        Assert.Equal(sequential, parallel);
        Assert.All(sequential, r => Assert.True(r.Succeeded, r.Error));
    }

    [Fact]
    public void ScoreBatch_EqualsRowByRowScores()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 1);
        var batch = engine.ScoreBatch(fixture.Data);

        Assert.Equal(fixture.Data.RowCount, batch.Length);
        for (var i = 0; i < fixture.Data.RowCount; i += 7)
        {
            var single = engine.Score(Row(fixture.Data, i));
            Assert.Equal(single.Probability, batch[i]);
            Assert.Equal(single.Label, batch[i] >= engine.Threshold);
        }
    }

    [Fact]
    public void ScoreBatch_SmallBatchThroughPooledEngines_EqualsLargeBatchScores()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 2);
        var large = engine.ScoreBatch(fixture.Data);
        var rows = Enumerable.Range(0, 10).Select(i => i * 13).ToArray();

        var small = engine.ScoreBatch(fixture.Data.Take(rows));

        Assert.Equal(rows.Select(r => large[r]), small);
    }

    [Fact]
    public void Score_JsonElementValues_ScoresLikeClrValues()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 1);
        var row = Row(fixture.Data, 3);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(row))!
            .ToDictionary(p => p.Key, p => (object?)p.Value);

        Assert.Equal(engine.Score(row), engine.Score(json));
    }

    [Fact]
    public void Score_MissingColumnsAndWrongTypes_FailsNamingEveryColumn()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 1);
        var row = Row(fixture.Data, 0);
        row.Remove("tenure");
        row["monthly_charges"] = "expensive";
        row["contract"] = 12;

        var result = engine.Score(row);

        Assert.False(result.Succeeded);
        Assert.Equal("missing column 'tenure'; column 'monthly_charges' expects a number, got a string; column 'contract' expects text, got Int32", result.Error);
    }

    [Fact]
    public void Score_NullValuesAndUnseenCategory_AreTreatedAsMissing()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 1);
        var row = Row(fixture.Data, 0);
        row["tenure"] = null;
        row["contract"] = "Ten year";

        var result = engine.Score(row);

        Assert.True(result.Succeeded, result.Error);
        Assert.InRange(result.Probability, 0f, 1f);
    }

    [Fact]
    public void ScoreBatch_MissingAndMistypedColumns_ThrowsNamingThem()
    {
        using var engine = new ScoringEngine(fixture.Package, poolSize: 1);
        var data = new TabularData([TabularColumn.Text("tenure", ["1"]), TabularColumn.Numeric("monthly_charges", [3])]);

        Assert.Null(engine.Validate(fixture.Data));
        var error = Assert.Throws<ArgumentException>(() => engine.ScoreBatch(data));
        Assert.StartsWith("column 'tenure' must be a number, got text; missing column 'has_partner'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_ListsInputsWithKindsAndExcludesIdAndLabel()
    {
        var signature = fixture.Package.Signature;

        Assert.Equal("churned", signature.LabelColumn);
        Assert.Equal(["tenure", "monthly_charges", "has_partner", "signup_at", "contract"], signature.Inputs.Select(i => i.Name));
        Assert.Equal(["numeric", "numeric", "numeric", "numeric", "text"], signature.Inputs.Select(i => i.Kind));
        Assert.Equal(ColumnKind.Timestamp, signature.Inputs[3].DataKind);
        Assert.All(signature.Inputs, i => Assert.True(i.Required));
    }

    [Fact]
    public async Task LoadAsync_NotAPackage_ThrowsInvalidData()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5]);
        await Assert.ThrowsAsync<InvalidDataException>(() => ModelPackage.LoadAsync(garbage, CancellationToken.None));

        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("signature.json");
        }

        zip.Position = 0;
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelPackage.LoadAsync(zip, CancellationToken.None));
        Assert.Contains("signature.json", error.Message, StringComparison.Ordinal);
    }

    internal static Dictionary<string, object?> Row(TabularData data, int index)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in data.Columns)
        {
            row[column.Name] = column.Numbers is { } numbers ? (double.IsNaN(numbers[index]) ? null : numbers[index]) : column.Texts![index];
        }

        return row;
    }
}
