using System.Globalization;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests;

[Collection(QuickstartCollection.Name)]
public sealed class QuickstartEndToEndTests(QuickstartFixture fixture)
{
    [Fact]
    public void Quickstart_IngestsEveryRow_IntoStagingOrQuarantine()
    {
        var customers = fixture.Summary.Ingested.Single(i => i.Table == "customers");

        Assert.Equal(2000, customers.RowsRead);
        Assert.Equal(customers.RowsRead, customers.RowsAccepted + customers.RowsQuarantined);
        Assert.All(fixture.Summary.Ingested, i => Assert.False(string.IsNullOrEmpty(i.DatasetVersion)));
    }

    [Fact]
    public void Quickstart_TrainsSeveralCandidates_AndRegistersAGoodChampion()
    {
        var summary = fixture.Summary;

        Assert.True(summary.Candidates.Count >= 2);
        Assert.Equal(1, summary.ModelVersion);
        Assert.Equal("champion", summary.Alias);
        var chosen = summary.Candidates.Single(c => c.Trainer == summary.ChosenTrainer);
        Assert.True(chosen.PassedGates);
        Assert.InRange(chosen.TestAuc, 0.70, 0.97);
        Assert.True(summary.FeatureCount >= 5, $"expected at least 5 features, got {summary.FeatureCount}");
        Assert.True(File.Exists(summary.Locations.ModelArtifact));
    }

    [Fact]
    public async Task Quickstart_ScoresEveryCustomer_IntoMonitoringPredictions()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);

        var count = await workspace!.Warehouse.ScalarAsync("SELECT COUNT(DISTINCT entity_id) FROM monitoring.predictions WHERE source = 'batch' AND model_version = 1", CancellationToken.None);

        Assert.Equal(2000L, Convert.ToInt64(count, CultureInfo.InvariantCulture));
        Assert.Equal(2000, fixture.Summary.RowsScored);
        Assert.InRange(fixture.Summary.MeanChurnProbability, 0.05, 0.6);
    }
}
