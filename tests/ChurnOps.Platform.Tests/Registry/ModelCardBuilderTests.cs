using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry.Cards;

namespace ChurnOps.Platform.Tests.Registry;

public sealed class ModelCardBuilderTests
{
    private static ProjectConfig Config(params string[] segments)
    {
        var config = new ProjectConfig();
        config.Model.Segments = [.. segments];
        config.Teams = [new TeamSettings { Name = "ds", Role = "data-science", Members = ["ds@example.com"] }, new TeamSettings { Name = "de", Role = "data-engineering", Members = ["de@example.com"] }];
        return config;
    }

    private static ModelCard Build(params string[] segments) =>
        ModelCardBuilder.Build(CardEvidence.Version(), CardEvidence.Create(), Config(segments), ["champion"], [new ModelCardApproval("approved", "mlops", "alice", DateTimeOffset.UnixEpoch, "looks good")]);

    [Fact]
    public void Build_Evidence_MetricsHaveIntervalsThatBracketTheEstimate()
    {
        var card = Build();

        var overall = card.QuantitativeAnalysis.PerformanceMetrics.Where(m => m.Slice.Length == 0).ToList();
        Assert.Equal(["auc", "pr_auc", "accuracy", "precision", "recall", "f1", "brier", "log_loss"], overall.Select(m => m.Type));
        Assert.All(overall, m =>
        {
            Assert.NotNull(m.ConfidenceInterval);
            Assert.InRange(m.Value!.Value, m.ConfidenceInterval.LowerBound, m.ConfidenceInterval.UpperBound);
            Assert.Equal(0.5, m.Threshold);
        });
        Assert.Contains("1,000 resamples", card.QuantitativeAnalysis.Method);
        Assert.Contains("percentile", card.QuantitativeAnalysis.Method);
    }

    [Fact]
    public void Build_SameEvidenceTwice_GivesTheSameCard()
    {
        Assert.Equal(ModelCardStore.ToJson(Build("region")), ModelCardStore.ToJson(Build("region")));
    }

    [Fact]
    public void Build_Segments_SmallAndOneClassSegmentsReportedWithoutMetrics()
    {
        var card = Build("region", "customer_id", "no_such_column");

        var segments = card.QuantitativeAnalysis.Segments;
        var region = segments.Where(s => s.Column == "region").ToDictionary(s => s.Value);
        Assert.Equal(["(missing)", "east", "north", "west"], region.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(400, region.Values.Sum(s => s.Rows));
        Assert.Null(region["west"].Note);
        Assert.Equal("too few rows for metrics (12 < 30)", region["north"].Note);
        Assert.Equal("one class only (all negative); no metrics", region["east"].Note);
        var slices = card.QuantitativeAnalysis.PerformanceMetrics.Select(m => m.Slice).Distinct().ToList();
        Assert.Contains("region=west", slices);
        Assert.Contains("region=(missing)", slices);
        Assert.DoesNotContain("region=north", slices);
        Assert.DoesNotContain("region=east", slices);
        Assert.Contains("more than 25", segments.Single(s => s.Column == "customer_id").Note);
        Assert.Equal("column 'no_such_column' is not in the training data", segments.Single(s => s.Column == "no_such_column").Note);
        Assert.Contains(card.Considerations.Limitations, l => l.Description.Contains("region=north", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NoSegmentsConfigured_HasNoSegmentRows()
    {
        var card = Build();

        Assert.Empty(card.QuantitativeAnalysis.Segments);
        Assert.All(card.QuantitativeAnalysis.PerformanceMetrics, m => Assert.Equal(string.Empty, m.Slice));
    }

    [Fact]
    public void Build_ThresholdPolicy_StatesTheEightyPercentTargetAndTheServingThreshold()
    {
        var policy = Build().QuantitativeAnalysis.ThresholdPolicy;

        Assert.Equal(0.80, policy.TargetPrecision);
        Assert.Equal("max_f1", policy.ServingPolicy);
        Assert.Equal(0.5, policy.ServingThreshold);
        Assert.Contains("Precision target 80%", policy.Statement);
        Assert.Contains("serves at threshold 0.500 (max_f1)", policy.Statement);
        if (policy.TargetMet)
        {
            Assert.NotNull(policy.Precision);
        }
    }

    [Fact]
    public void ToJson_Card_HasModelCardToolkitSectionsSnakeCase()
    {
        using var json = JsonDocument.Parse(ModelCardStore.ToJson(Build("region")));
        var root = json.RootElement;

        Assert.Equal("churnops-model-card/1", root.GetProperty("format").GetString());
        var details = root.GetProperty("model_details");
        Assert.Equal("churn", details.GetProperty("name").GetString());
        Assert.Equal("3", details.GetProperty("version").GetProperty("name").GetString());
        Assert.Equal("ds", details.GetProperty("owners")[0].GetProperty("name").GetString());
        Assert.Equal(1, details.GetProperty("owners").GetArrayLength());
        Assert.Equal("champion", details.GetProperty("aliases")[0].GetString());
        var data = root.GetProperty("model_parameters").GetProperty("data");
        Assert.Equal("ds-1", data[0].GetProperty("dataset_version").GetString());
        Assert.Equal(400, data[1].GetProperty("rows").GetInt32());
        Assert.Equal("v1", root.GetProperty("model_parameters").GetProperty("features")[0].GetProperty("view_version").GetString());
        var metric = root.GetProperty("quantitative_analysis").GetProperty("performance_metrics")[0];
        Assert.True(metric.GetProperty("confidence_interval").GetProperty("lower_bound").GetDouble() <= metric.GetProperty("value").GetDouble());
        Assert.True(root.GetProperty("considerations").GetProperty("limitations").GetArrayLength() > 0);
        Assert.Equal("alice", root.GetProperty("approval_history")[0].GetProperty("actor").GetString());
    }

    [Fact]
    public void Render_Card_HasEverySectionInOrder()
    {
        var markdown = ModelCardMarkdown.Render(Build("region"));

        var sections = new[] { "# Model card: churn version 3", "## Model details", "## Considerations", "### Intended use", "### Limitations", "## Model parameters", "### Training data", "### Features", "## Quantitative analysis", "### Threshold policy", "### Segments", "## Approval history" };
        var positions = sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("| auc | overall |", markdown);
        Assert.Contains("| region | north | 12 |", markdown);
        Assert.Contains("approved by alice for mlops: looks good", markdown);
    }
}
