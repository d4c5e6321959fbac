using System.Diagnostics;
using ChurnOps.Training.Data;
using ChurnOps.Training.Evaluation;
using ChurnOps.Training.Scoring;
using ChurnOps.Training.Splits;
using Microsoft.ML;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// For every candidate: scores each hyper-parameter trial by stratified k-fold CV on the train split, keeps the trial with
/// the best mean AUC, refits it on the whole train split to score validation and, unless the request says otherwise,
/// on train and validation together to score test and be kept. All fits of all candidates run
/// side by side (each fit single-threaded and seeded), so results do not depend on scheduling.
/// </summary>
internal static class CandidateSearch
{
    public static IReadOnlyList<FittedCandidate> Run(PreparedData data, TrainingRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var folds = StratifiedSplitter.Folds(data.Train, data.Labels, request.CrossValidationFolds, request.Seed);
        var trials = request.Trainers.ToDictionary(t => t, t => TrainerCatalog.SearchSpace(t, request.SearchTrials, request.Seed), StringComparer.Ordinal);
        var work = new List<(string Trainer, int Trial, int Fold)>();
        foreach (var trainer in request.Trainers)
        {
            for (var t = 0; t < trials[trainer].Count; t++)
            {
                for (var f = 0; f < folds.Count; f++)
                {
                    work.Add((trainer, t, f));
                }
            }
        }

        var foldAuc = new double[work.Count];
        var foldScores = new float[work.Count][];
        var fitTicks = request.Trainers.ToDictionary(t => t, _ => new long[1], StringComparer.Ordinal);
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = request.MaxParallelism ?? Environment.ProcessorCount };
        progress?.Report($"cross-validating {work.Count} fits ({request.Trainers.Count} candidates x {request.SearchTrials} trials x {folds.Count} folds)");
        Parallel.For(0, work.Count, options, i =>
        {
            var (trainer, trial, fold) = work[i];
            var started = Stopwatch.GetTimestamp();
            var (_, model) = Fit(trainer, trials[trainer][trial], data.Matrix, folds[fold].Train, request.Seed);
            var holdout = folds[fold].Holdout;
            var scores = ModelScorer.Predict(model, data.Matrix, holdout);
            foldAuc[i] = BinaryMetrics.Auc(scores, data.Matrix.LabelsOf(holdout));
            foldScores[i] = scores;
            Interlocked.Add(ref fitTicks[trainer][0], Stopwatch.GetTimestamp() - started);
        });

        var searched = request.Trainers.Select(trainer =>
        {
            var results = new List<SearchTrial>();
            for (var t = 0; t < trials[trainer].Count; t++)
            {
                var aucs = Enumerable.Range(0, work.Count).Where(i => work[i].Trainer == trainer && work[i].Trial == t).Select(i => foldAuc[i]).ToArray();
                var mean = aucs.Average();
                var std = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, aucs.Length - 1));
                results.Add(new SearchTrial(t, trials[trainer][t], mean, std));
            }

            return (Trainer: trainer, Trials: results, Best: results.OrderByDescending(r => r.CvAucMean).ThenBy(r => r.Index).First());
        }).ToList();

        // Each train row's score from the best trial's fit that held it out, in train-split order.
        var position = new int[data.Matrix.RowCount];
        for (var p = 0; p < data.Train.Length; p++)
        {
            position[data.Train[p]] = p;
        }

        var outOfFold = searched.Select(s =>
        {
            var scores = new float[data.Train.Length];
            for (var i = 0; i < work.Count; i++)
            {
                if (work[i].Trainer == s.Trainer && work[i].Trial == s.Best.Index)
                {
                    var holdout = folds[work[i].Fold].Holdout;
                    for (var r = 0; r < holdout.Length; r++)
                    {
                        scores[position[holdout[r]]] = foldScores[i][r];
                    }
                }
            }

            return scores;
        }).ToList();

        foreach (var s in searched)
        {
            progress?.Report($"{s.Trainer}: best cv auc {s.Best.CvAucMean:0.0000} (trial {s.Best.Index})");
        }

        var fitted = new FittedCandidate[searched.Count];
        Parallel.For(0, searched.Count, options, i =>
        {
            var (trainer, trialResults, best) = searched[i];
            var started = Stopwatch.GetTimestamp();
            var (context, model) = Fit(trainer, best.Params, data.Matrix, data.Train, request.Seed);
            var (finalContext, final) = request.RefitOnValidation ? Fit(trainer, best.Params, data.Matrix, data.TrainAndValidation, request.Seed) : (context, model);
            var elapsed = Stopwatch.GetTimestamp() - started;
            var validation = ModelScorer.Predict(model, data.Matrix, data.Validation);
            var test = ModelScorer.Predict(final, data.Matrix, data.Test);
            fitted[i] = new FittedCandidate(trainer, best.Params, trialResults, finalContext, final, validation, test,
                Stopwatch.GetElapsedTime(0, elapsed + fitTicks[trainer][0]))
            {
                OutOfFoldScores = outOfFold[i],
                ValidationModel = model,
            };
        });
        return fitted;
    }

    public static (MLContext Context, ITransformer Model) Fit(string trainer, IReadOnlyDictionary<string, string> parameters, FeatureMatrix matrix, IReadOnlyList<int> rows, int seed)
    {
        var context = new MLContext(seed);
        var estimator = TrainerCatalog.Build(context, trainer, parameters, seed);
        return (context, estimator.Fit(new FeatureMatrixView(matrix, rows, withLabels: true)));
    }
}
