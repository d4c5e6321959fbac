using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Bench.Training;

/// <summary>
/// Training wall time for every candidate with its hyper-parameter search on 10,000 bank-churn-shaped rows (target &lt; 60 s),
/// and each candidate's test AUC over repeated seeds with a 95% t-interval (the split, folds and search all move with the seed).
/// </summary>
internal sealed class TrainingTimeHarness : IBenchHarness
{
    private static readonly string[] AllTrainers = ["lightgbm", "fasttree", "fastforest", "logreg", "sdca"];

    public string Name => "training-candidates";

    public string Description => "all candidates + search on 10,000 rows: wall time (< 60 s) and test AUC with a CI over seeds";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var seeds = quick ? 2 : 5;
        foreach (var (name, data, label, exclude) in Datasets(quick))
        {
            var aucs = AllTrainers.ToDictionary(t => t, _ => new List<double>());
            var times = new List<double>();
            var cpuTimes = new List<double>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var request = new TrainingRequest(data, label, exclude, AllTrainers, seed, 0.2, EvaluationGates.None);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
                var started = Stopwatch.GetTimestamp();
                var outcome = await new CandidateTrainer().TrainAsync(request, null, cancellationToken).ConfigureAwait(false);
                times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                cpuTimes.Add(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu);
                if (!outcome.Succeeded)
                {
                    Console.WriteLine($"{name} seed {seed}: {outcome.Error}");
                    continue;
                }

                foreach (var candidate in outcome.Candidates)
                {
                    // Candidates beyond the requested trainers (the blend of the best ones) get their own row.
                    if (!aucs.TryGetValue(candidate.Trainer, out var values))
                    {
                        values = [];
                        aucs[candidate.Trainer] = values;
                    }

                    values.Add(candidate.TestMetrics["auc"]);
                }

                Console.WriteLine($"{name} seed {seed}: {times[^1]:0.0} s wall, {cpuTimes[^1]:0.0} CPU-s ({request.SearchTrials} trials x {request.CrossValidationFolds} folds x {AllTrainers.Length} candidates + refits), winner {outcome.Winner!.Trainer}: " +
                    string.Join(", ", outcome.Candidates.Select(c => $"{c.Trainer} {c.TrainingTime.TotalSeconds:0.0}s")));
            }

            // CPU-seconds / cores is the wall time on an idle machine of this size (the fits are CPU-bound and parallel).
            Console.WriteLine($"{name}: {data.RowCount:N0} rows, wall time mean {times.Average():0.0} s, max {times.Max():0.0} s; CPU {cpuTimes.Average():0.0} s = {cpuTimes.Average() / Environment.ProcessorCount:0.0} s idle estimate on {Environment.ProcessorCount} cores; test AUC over {seeds} seeds (mean ± 95% CI):");
            foreach (var (trainer, values) in aucs.Where(a => a.Value.Count > 0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {trainer,-11} {values.Average():0.0000} ± {HalfWidth(values):0.0000}"));
            }
        }
    }

    private static IEnumerable<(string Name, TabularData Data, string Label, string[] Exclude)> Datasets(bool quick)
    {
        var rows = quick ? 3_000 : 10_000;
        yield return ("bank-churn-shaped", ChurnShapedTables.BankChurnShaped(rows, seed: 100), "Exited", ["RowNumber", "CustomerId"]);
        yield return ("telco-shaped", ChurnShapedTables.TelcoShaped(quick ? 3_000 : 7_043, seed: 100), "Churn", ["customerID"]);
    }

    /// <summary>Half-width of the 95% Student-t interval of the mean.</summary>
    private static double HalfWidth(List<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        double[] t95 = [double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var t = values.Count - 1 < t95.Length ? t95[values.Count - 1] : 1.96;
        return t * sd / Math.Sqrt(values.Count);
    }
}
