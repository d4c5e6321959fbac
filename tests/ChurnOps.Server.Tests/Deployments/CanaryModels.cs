using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// Two small logistic-regression packages trained once per test run on the same seeded table: a good one, and an
/// inverted one trained on the flipped label (it scores the rare churners low and everyone else high, so its score
/// distribution is visibly not the good model's).
/// </summary>
internal static class CanaryModels
{
    private static readonly Lazy<Task<(ModelPackage Good, ModelPackage Inverted)>> Packages = new(TrainAsync);

    public static Task<(ModelPackage Good, ModelPackage Inverted)> GetAsync() => Packages.Value;

    /// <summary>The table: usage in [0, 1] drives churn (about 30%), tenure and plan add noise.</summary>
    public static TabularData Table(int rows, int seed, bool inverted)
    {
        var random = new Random(seed);
        var ids = new string?[rows];
        var usage = new double[rows];
        var tenure = new double[rows];
        var plan = new string?[rows];
        var churned = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = "C" + i.ToString("D6", CultureInfo.InvariantCulture);
            usage[i] = random.NextDouble();
            tenure[i] = random.Next(1, 72);
            plan[i] = random.Next(3) switch { 0 => "basic", 1 => "premium", _ => "family" };
            var churn = random.NextDouble() < 1 / (1 + Math.Exp(-(-2.5 + (4.0 * usage[i]))));
            churned[i] = churn ^ inverted ? "Yes" : "No";
        }

        return new TabularData(
        [
            TabularColumn.Text("customer_id", ids),
            TabularColumn.Numeric("usage", usage),
            TabularColumn.Numeric("tenure", tenure),
            TabularColumn.Text("plan", plan),
            TabularColumn.Text("churned", churned),
        ]);
    }

    private static async Task<(ModelPackage, ModelPackage)> TrainAsync() =>
        (await TrainOneAsync(inverted: false), await TrainOneAsync(inverted: true));

    private static async Task<ModelPackage> TrainOneAsync(bool inverted)
    {
        var request = new TrainingRequest(Table(1200, seed: 11, inverted), "churned", ["customer_id"], ["logreg"], 1, 0.2, EvaluationGates.None)
        {
            SearchTrials = 1,
            ImportanceRepeats = 0,
            RenderPlots = false,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        return outcome.WinnerPackage ?? throw new InvalidOperationException(outcome.Error);
    }
}
