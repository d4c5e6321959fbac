using ChurnOps.Training.Candidates;

namespace ChurnOps.Bench.Training;

/// <summary>Writes one run's plots and reports to a folder so a person can look at them (not a timing benchmark).</summary>
internal sealed class TrainingPlotsHarness : IBenchHarness
{
    public string Name => "training-plots";

    public string Description => "train on Telco-shaped data and write the run's PNG plots and JSON reports to ./training-plots";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var data = ChurnShapedTables.TelcoShaped(quick ? 2_000 : 7_043, seed: 1);
        var request = new TrainingRequest(data, "Churn", ["customerID"], ["lightgbm", "logreg"], 42, 0.2, EvaluationGates.None) { SearchTrials = 2 };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, cancellationToken).ConfigureAwait(false);
        var folder = Path.GetFullPath("training-plots");
        foreach (var artifact in outcome.Artifacts)
        {
            var path = Path.Combine(folder, artifact.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, artifact.Content, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(path);
        }
    }
}
