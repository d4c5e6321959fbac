using System.IO.Compression;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Training.Tests.Scoring;

/// <summary>
/// The compiled scorer stored in a package: written at save for every compiled model shape, read back at load without
/// ML.NET, and scoring bit for bit as ML.NET and as the probed path of a package without it; a damaged form is ignored.
/// </summary>
public sealed class CompiledScorerFormTests
{
    [Theory]
    [InlineData("lightgbm", null)]
    [InlineData("fasttree", null)]
    [InlineData("fastforest", null)]
    [InlineData("logreg", null)]
    [InlineData("sdca", null)]
    [InlineData("lightgbm,logreg", "blend")]
    public async Task LoadAsync_SavedPackage_ScoresFromStoredFormEqualToMlNetAndToProbedPath(string trainers, string? winner)
    {
        var train = ChurnShapedTables.Mixed(1500, seed: 41);
        var request = Requests.Fast(train, "churned", ["customer_id"], trainers.Split(',')) with { Winner = winner, ImportanceRepeats = 0 };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        var saved = await SaveAsync(outcome.WinnerPackage!);
        var package = await LoadAsync(saved);
        var withoutForm = await LoadAsync(Rewrite(saved, null));
        var data = ChurnShapedTables.Mixed(5000, seed: 42);

        using var engine = new ScoringEngine(package, poolSize: 1);
        using var probed = new ScoringEngine(withoutForm, poolSize: 1);
        var batch = engine.ScoreBatch(data);
        var single = engine.Score(ScoringEngineTests.Row(data, 11));
        var dims = package.Encoder.Dimension;
        var block = new float[data.RowCount * dims];
        package.Encoder.Encode(data, 0, data.RowCount, block);
        var reference = new float[data.RowCount];
        ModelScorer.Predict(package.Model, block, dims, data.RowCount, reference);

        Assert.NotNull(package.Compiled);
        Assert.Null(withoutForm.Compiled);
        Assert.True(probed.UsesCompiledScorer);
        Assert.Equal(reference, batch);
        Assert.Equal(probed.ScoreBatch(data), batch);
        Assert.Equal(reference[11], single.Probability);
    }

    [Fact]
    public async Task LoadAsync_DamagedForm_IsIgnoredAndScoresTheMlNetWay()
    {
        var train = ChurnShapedTables.Mixed(1200, seed: 43);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(train, "churned", ["customer_id"], ["fasttree"]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);
        var saved = await SaveAsync(outcome.WinnerPackage!);
        var form = ReadEntry(saved, ModelPackage.CompiledEntry);
        var truncated = form[..^5];
        var otherVersion = (byte[])form.Clone();
        otherVersion[4]++;

        foreach (var damaged in new[] { truncated, otherVersion, [1, 2, 3] })
        {
            var package = await LoadAsync(Rewrite(saved, damaged));
            using var engine = new ScoringEngine(package, poolSize: 1);
            var data = ChurnShapedTables.Mixed(300, seed: 44);
            var dims = package.Encoder.Dimension;
            var block = new float[data.RowCount * dims];
            package.Encoder.Encode(data, 0, data.RowCount, block);
            var reference = new float[data.RowCount];
            ModelScorer.Predict(package.Model, block, dims, data.RowCount, reference);

            Assert.Null(package.Compiled);
            Assert.True(engine.UsesCompiledTrees);
            Assert.Equal(reference, engine.ScoreBatch(data));
        }
    }

    [Theory]
    [InlineData(1, 2, true)]
    [InlineData(0, 2, false)] // a child that is not after its parent: the walk could loop
    [InlineData(1, 3, false)] // a child past the end of its tree
    [InlineData(-1, 2, false)]
    public void TryRead_TreeChildIndexes_AcceptedOnlyWhenInRangeAndForward(int left, int right, bool accepted)
    {
        // One tree: a root on feature 1 and two leaves (they point to themselves).
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write("CHCS"u8);
            writer.Write(CompiledScorerForm.Version);
            writer.Write(CompiledScorerForm.CpuFeatures());
            writer.Write(CompiledScorerForm.TreesKind);
            CompiledScorerForm.WriteArray(writer, [0, 3]);
            CompiledScorerForm.WriteArray(writer, [1]);
            writer.Write(3);
            foreach (var (feature, threshold, l, r) in new[] { (1, 0.5f, left, right), (0, float.PositiveInfinity, 1, 1), (0, float.PositiveInfinity, 2, 2) })
            {
                writer.Write(feature);
                writer.Write(threshold);
                writer.Write(l);
                writer.Write(r);
            }

            CompiledScorerForm.WriteArray(writer, [0.0, -1.0, 1.0]);
            writer.Write(-1.0);
            writer.Write(0.0);
        }

        var scorer = CompiledScorerForm.TryRead(buffer.ToArray(), dimension: 2);

        Assert.Equal(accepted, scorer is not null);
        if (scorer is not null)
        {
            var probabilities = new float[2];
            scorer.Score([0f, 0.5f, 0f, 0.75f], 2, 2, probabilities);
            Assert.Equal((float)(1 / (1 + Math.Exp(1.0))), probabilities[0]);
            Assert.Equal((float)(1 / (1 + Math.Exp(-1.0))), probabilities[1]);
        }
    }

    private static async Task<byte[]> SaveAsync(ModelPackage package)
    {
        using var stream = new MemoryStream();
        await package.SaveAsync(stream, CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<ModelPackage> LoadAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await ModelPackage.LoadAsync(stream, CancellationToken.None);
    }

    private static byte[] ReadEntry(byte[] package, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var entry = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The package with its compiled form replaced by <paramref name="form"/> (removed when null).</summary>
    private static byte[] Rewrite(byte[] package, byte[]? form)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.Name != ModelPackage.CompiledEntry))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

            if (form is not null)
            {
                using var to = target.CreateEntry(ModelPackage.CompiledEntry).Open();
                to.Write(form);
            }
        }

        return output.ToArray();
    }
}
