using System.Diagnostics;
using System.Globalization;
using ChurnOps.Training.Data;
using ChurnOps.Training.Evaluation;
using ChurnOps.Training.Scoring;
using ChurnOps.Training.Splits;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// The "blend" candidate: every searched candidate side by side in one ML.NET transformer chain, their probabilities
/// combined by a logistic regression (a calibrated stack) fitted on the candidates' out-of-fold probabilities on the
/// train split, so the weights never see a validation or test row. It is one ordinary ML.NET model, so it is saved,
/// loaded, scored, served and reproduced like any single candidate; <see cref="Scoring.CompiledBlend"/> scores it
/// without ML.NET from its members' compiled forms.
/// </summary>
internal static class CandidateBlend
{
    public const string Name = "blend";

    /// <summary>The run parameter that lists the members, comma-separated, in the order they are stacked.</summary>
    public const string MembersParameter = "members";

    private const string InputCopy = "BlendInput";
    private const int SchemaRows = 16;

    /// <summary>A lightly regularised logistic regression over standardised member probabilities: a few weights, a calibrated output.</summary>
    private static readonly Dictionary<string, string> Stacker = new(StringComparer.Ordinal) { ["l2"] = "1", ["l1"] = "0" };

    public static FittedCandidate Fit(PreparedData data, TrainingRequest request, IReadOnlyList<FittedCandidate> members, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var width = members.Count;
        var rows = data.Train.Length;
        var stack = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var m = 0; m < width; m++)
            {
                stack[(r * width) + m] = members[m].OutOfFoldScores[r];
            }
        }

        var labels = data.Matrix.LabelsOf(data.Train);
        var stacked = new FeatureMatrix(stack, width, labels);
        var all = Enumerable.Range(0, rows).ToArray();

        // Cross-fitted: each fold's rows are scored by weights fitted on the other folds, so the blend's CV AUC is as
        // honest as a single candidate's.
        var folds = StratifiedSplitter.Folds(all, labels, request.CrossValidationFolds, request.Seed);
        var foldAuc = new double[folds.Count];
        for (var f = 0; f < folds.Count; f++)
        {
            ct.ThrowIfCancellationRequested();
            var (_, foldStacker) = CandidateSearch.Fit("logreg", Stacker, stacked, folds[f].Train, request.Seed);
            foldAuc[f] = BinaryMetrics.Auc(ModelScorer.Predict(foldStacker, stacked, folds[f].Holdout), stacked.LabelsOf(folds[f].Holdout));
        }

        var (context, stacker) = CandidateSearch.Fit("logreg", Stacker, stacked, all, request.Seed);
        var validationModel = Chain(context, data.Matrix, data.Train, members.Select(m => m.ValidationModel).ToList(), stacker);
        var model = request.RefitOnValidation ? Chain(context, data.Matrix, data.Train, members.Select(m => m.Model).ToList(), stacker) : validationModel;
        var validation = ModelScorer.Predict(validationModel, data.Matrix, data.Validation);
        var test = ModelScorer.Predict(model, data.Matrix, data.Test);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [MembersParameter] = string.Join(",", members.Select(m => m.Trainer)) };
        foreach (var member in members)
        {
            foreach (var (key, value) in member.Params)
            {
                parameters[member.Trainer + "." + key] = value;
            }
        }

        var mean = foldAuc.Average();
        var std = Math.Sqrt(foldAuc.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, foldAuc.Length - 1));
        var elapsed = Stopwatch.GetElapsedTime(started) + members.Aggregate(TimeSpan.Zero, (sum, m) => sum + m.TrainingTime);
        return new FittedCandidate(Name, parameters, [new SearchTrial(0, parameters, mean, std)], context, model, validation, test, elapsed)
        {
            ValidationModel = validationModel,
        };
    }

    /// <summary>The names of a blend's members from its parameters, or empty for any other candidate.</summary>
    public static IReadOnlyList<string> MembersOf(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue(MembersParameter, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    /// <summary>
    /// Features copied aside; for each member, the features put back (a linear member normalises them in place), the
    /// member's model, and its probability copied to a column of its own; then the probabilities concatenated as the
    /// stacker's features and the stacker, whose Probability is the blend's.
    /// </summary>
    private static TransformerChain<ITransformer> Chain(MLContext ml, FeatureMatrix matrix, int[] sampleRows, IReadOnlyList<ITransformer> members, ITransformer stacker)
    {
        const string features = FeatureMatrixView.FeaturesColumn;
        IDataView view = new FeatureMatrixView(matrix, sampleRows.Take(SchemaRows).ToArray(), withLabels: false);
        var parts = new List<ITransformer>();
        Add(ml.Transforms.CopyColumns(InputCopy, features).Fit(view));
        var scoreColumns = new string[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            if (m > 0)
            {
                Add(ml.Transforms.CopyColumns(features, InputCopy).Fit(view));
            }

            Add(members[m]);
            scoreColumns[m] = "Member" + m.ToString(CultureInfo.InvariantCulture);
            Add(ml.Transforms.CopyColumns(scoreColumns[m], ModelScorer.ProbabilityColumn).Fit(view));
        }

        Add(ml.Transforms.Concatenate(features, scoreColumns).Fit(view));
        Add(stacker);
        return new TransformerChain<ITransformer>([.. parts]);

        void Add(ITransformer part)
        {
            parts.Add(part);
            view = part.Transform(view);
        }
    }
}
