using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Tests.Scoring;

/// <summary>
/// Every trainer's winner, saved and loaded as serving loads it, is scored by a compiled path that equals ML.NET bit for
/// bit: the batch transformer and the single-row PredictionEngine alike, on every row of three churn-shaped tables.
/// </summary>
public sealed class CompiledLinearModelTests
{
    public static TheoryData<string, string> TrainersAndTables()
    {
        var data = new TheoryData<string, string>();
        foreach (var trainer in TrainerCatalog.Names)
        {
            foreach (var table in new[] { "mixed", "telco", "bank" })
            {
                data.Add(trainer, table);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TrainersAndTables))]
    public async Task ScoringEngine_EveryTrainersReloadedWinner_IsCompiledAndEqualsMlNetBitForBit(string trainer, string table)
    {
        var (data, label, exclude) = Table(table);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(data, label, exclude, [trainer]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        var package = await Reloaded(outcome.WinnerPackage!);
        using var engine = new ScoringEngine(package, poolSize: 1);
        var rows = data.RowCount;
        var dims = package.Encoder.Dimension;
        var block = new float[rows * dims];
        package.Encoder.Encode(data, 0, rows, block);
        var batchReference = new float[rows];
        ModelScorer.Predict(package.Model, block, dims, rows, batchReference);

        var batch = engine.ScoreBatch(data);

        Assert.True(engine.UsesCompiledScorer, $"{trainer} on {table} fell back to ML.NET");
        Assert.Equal(batchReference, batch);
        using var predictionEngine = package.Context.Model.CreatePredictionEngine<EncodedInput, ScoredOutput>(package.Model, ignoreMissingColumns: true, inputSchemaDefinition: SchemaFor(dims));
        for (var r = 0; r < rows; r += 3)
        {
            var single = new ScoredOutput();
            predictionEngine.Predict(new EncodedInput { Features = block.AsSpan(r * dims, dims).ToArray() }, ref single);
            var compiled = engine.Score(ScoringEngineTests.Row(data, r));
            Assert.Equal(single.Probability, compiled.Probability);
            Assert.Equal(single.Probability >= package.Threshold, compiled.Label);
        }
    }

    [Fact]
    public async Task TryCompile_LinearModelAfterReload_GivesProbabilitiesOfTheLinearFormula()
    {
        // Independent of ML.NET's scorer: sigmoid(bias + sum(w * x * scale)) in double stays within float rounding of the compiled value.
        var data = ChurnShapedTables.TelcoShaped(800, seed: 31);
        var outcome = await new CandidateTrainer().TrainAsync(Requests.Fast(data, "Churn", ["customerID"], ["logreg"]) with { ImportanceRepeats = 0 }, null, CancellationToken.None);
        var package = await Reloaded(outcome.WinnerPackage!);
        var compiled = CompiledLinearModel.TryCompile(package.Model);
        Assert.NotNull(compiled);
        var parts = CompiledScorers.Flatten(package.Model);
        var normalizer = (Microsoft.ML.Transforms.NormalizingTransformer)parts[0];
        var affine = (Microsoft.ML.Transforms.NormalizingTransformer.AffineNormalizerModelParameters<System.Collections.Immutable.ImmutableArray<float>>)normalizer.GetNormalizerModelParameters(0);
        var linear = (Microsoft.ML.Trainers.LinearBinaryModelParameters)CompiledScorers.Property(((IPredictionTransformer<object>)parts[1]).Model, "SubModel")!;
        var dims = package.Encoder.Dimension;
        var block = new float[data.RowCount * dims];
        package.Encoder.Encode(data, 0, data.RowCount, block);
        var scores = new float[data.RowCount];

        compiled.Score(block, dims, data.RowCount, scores);

        for (var r = 0; r < data.RowCount; r++)
        {
            double z = linear.Bias;
            for (var i = 0; i < dims; i++)
            {
                z += linear.Weights[i] * (double)(block[(r * dims) + i] * affine.Scale[i]);
            }

            Assert.Equal(1 / (1 + Math.Exp(-z)), scores[r], 1e-5);
        }
    }

    private static (TabularData Data, string Label, string[] Exclude) Table(string name) => name switch
    {
        "mixed" => (ChurnShapedTables.Mixed(1200, seed: 41), "churned", ["customer_id"]),
        "telco" => (ChurnShapedTables.TelcoShaped(1200, seed: 42), "Churn", ["customerID"]),
        _ => (ChurnShapedTables.BankChurnShaped(1200, seed: 43), "Exited", ["RowNumber", "CustomerId"]),
    };

    private static async Task<ModelPackage> Reloaded(ModelPackage package)
    {
        using var stream = new MemoryStream();
        await package.SaveAsync(stream, CancellationToken.None);
        stream.Position = 0;
        return await ModelPackage.LoadAsync(stream, CancellationToken.None);
    }

    private static SchemaDefinition SchemaFor(int dims)
    {
        var schema = SchemaDefinition.Create(typeof(EncodedInput));
        schema[nameof(EncodedInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        return schema;
    }
}
