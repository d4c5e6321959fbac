using System.Globalization;
using ChurnOps.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// The candidate trainers, their search spaces and how a parameter set becomes an ML.NET estimator. Every estimator is
/// single-threaded and seeded so fits are reproducible; parallelism comes from running folds and trials side by side.
/// </summary>
internal static class TrainerCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["lightgbm", "fasttree", "fastforest", "logreg", "sdca"];

    private static readonly Dictionary<string, (string Name, string[] Values)[]> Spaces = new(StringComparer.Ordinal)
    {
        ["lightgbm"] =
        [
            ("num_leaves", ["15", "7", "31", "63"]),
            ("num_iterations", ["200", "100"]),
            ("learning_rate", ["0.05", "0.1"]),
            ("min_data_in_leaf", ["20", "50", "10"]),
        ],
        ["fasttree"] =
        [
            ("num_leaves", ["10", "5", "20", "40"]),
            ("num_trees", ["200", "100"]),
            ("learning_rate", ["0.1", "0.2"]),
            ("min_data_in_leaf", ["10", "30"]),
        ],
        ["fastforest"] =
        [
            ("num_trees", ["100", "200"]),
            ("num_leaves", ["20", "40"]),
            ("min_data_in_leaf", ["10", "30"]),
            ("feature_fraction", ["0.7", "1"]),
        ],
        ["logreg"] =
        [
            ("l2", ["1", "0.1", "0.01"]),
            ("l1", ["1", "0.1", "0"]),
        ],
        ["sdca"] =
        [
            ("l2", ["0.01", "0.001", "0.1"]),
            ("max_iterations", ["50", "100"]),
        ],
    };

    public static bool IsKnown(string trainer) => Spaces.ContainsKey(trainer);

    /// <summary>Up to <paramref name="trials"/> distinct settings: the defaults (first value of each) then seeded random draws.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> SearchSpace(string trainer, int trials, int seed)
    {
        var space = Spaces[trainer];
        var total = space.Aggregate(1, (n, p) => n * p.Values.Length);
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyDictionary<string, string>>();
        var defaults = space.ToDictionary(p => p.Name, p => p.Values[0], StringComparer.Ordinal);
        Add(defaults);
        var attempts = 0;
        while (result.Count < Math.Min(trials, total) && attempts++ < 1000)
        {
            Add(space.ToDictionary(p => p.Name, p => p.Values[random.Next(p.Values.Length)], StringComparer.Ordinal));
        }

        return result;

        void Add(Dictionary<string, string> candidate)
        {
            var key = string.Join(';', candidate.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
            if (result.Count < trials && seen.Add(key))
            {
                result.Add(candidate);
            }
        }
    }

    public static IEstimator<ITransformer> Build(MLContext ml, string trainer, IReadOnlyDictionary<string, string> p, int seed)
    {
        const string features = FeatureMatrixView.FeaturesColumn;
        const string label = FeatureMatrixView.LabelColumn;
        switch (trainer)
        {
            case "lightgbm":
                return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    FeatureColumnName = features,
                    LabelColumnName = label,
                    NumberOfLeaves = I(p, "num_leaves"),
                    NumberOfIterations = I(p, "num_iterations"),
                    LearningRate = D(p, "learning_rate"),
                    MinimumExampleCountPerLeaf = I(p, "min_data_in_leaf"),
                    Seed = seed,
                    Deterministic = true,
                    NumberOfThreads = 1,
                    Silent = true,
                    Verbose = false,
                });
            case "fasttree":
                return ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    FeatureColumnName = features,
                    LabelColumnName = label,
                    NumberOfLeaves = I(p, "num_leaves"),
                    NumberOfTrees = I(p, "num_trees"),
                    LearningRate = D(p, "learning_rate"),
                    MinimumExampleCountPerLeaf = I(p, "min_data_in_leaf"),
                    Seed = seed,
                    NumberOfThreads = 1,
                });
            case "fastforest":
                // FastForest scores are not probabilities; a Platt calibrator fitted on the same train rows maps them.
                return ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    FeatureColumnName = features,
                    LabelColumnName = label,
                    NumberOfTrees = I(p, "num_trees"),
                    NumberOfLeaves = I(p, "num_leaves"),
                    MinimumExampleCountPerLeaf = I(p, "min_data_in_leaf"),
                    FeatureFraction = D(p, "feature_fraction"),
                    Seed = seed,
                    NumberOfThreads = 1,
                }).Append(ml.BinaryClassification.Calibrators.Platt(label));
            case "logreg":
                return ml.Transforms.NormalizeMeanVariance(features).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                    new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        FeatureColumnName = features,
                        LabelColumnName = label,
                        L2Regularization = (float)D(p, "l2"),
                        L1Regularization = (float)D(p, "l1"),
                        // The default tolerance (1e-7) spends most of the time polishing the last digits of AUC.
                        OptimizationTolerance = 1e-5f,
                        MaximumNumberOfIterations = 200,
                        NumberOfThreads = 1,
                    }));
            case "sdca":
                return ml.Transforms.NormalizeMeanVariance(features).Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                    new SdcaLogisticRegressionBinaryTrainer.Options
                    {
                        FeatureColumnName = features,
                        LabelColumnName = label,
                        L2Regularization = (float)D(p, "l2"),
                        MaximumNumberOfIterations = I(p, "max_iterations"),
                        Shuffle = false,
                        NumberOfThreads = 1,
                    }));
            default:
                throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer.");
        }
    }

    private static int I(IReadOnlyDictionary<string, string> p, string name) => int.Parse(p[name], CultureInfo.InvariantCulture);

    private static double D(IReadOnlyDictionary<string, string> p, string name) => double.Parse(p[name], CultureInfo.InvariantCulture);
}
