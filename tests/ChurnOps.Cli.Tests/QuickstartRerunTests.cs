using System.Globalization;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests;

[Collection(QuickstartCollection.Name)]
public sealed class QuickstartRerunTests(QuickstartFixture fixture)
{
    [Fact]
    public void Rerun_RegistersVersionTwo_AsNewChampion()
    {
        Assert.Equal(2, fixture.Rerun.ModelVersion);
        Assert.NotEqual(fixture.Summary.ChosenRunId, fixture.Rerun.ChosenRunId);
    }

    [Fact]
    public async Task Rerun_SameFiles_DoesNotDuplicateStagingRows()
    {
        var (workspace, _) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);

        var customers = await workspace!.Warehouse.ScalarAsync("SELECT COUNT(*) FROM staging.customers", CancellationToken.None);
        var distinct = await workspace.Warehouse.ScalarAsync("SELECT COUNT(DISTINCT customer_id) FROM staging.customers", CancellationToken.None);

        Assert.Equal(2000L, Convert.ToInt64(customers, CultureInfo.InvariantCulture));
        Assert.Equal(2000L, Convert.ToInt64(distinct, CultureInfo.InvariantCulture));
        Assert.Equal(
            fixture.Summary.Ingested.Select(i => i.DatasetVersion),
            fixture.Rerun.Ingested.Select(i => i.DatasetVersion));
    }

    [Fact]
    public async Task Rerun_KeepsBothVersionsAndTheirArtifacts()
    {
        var (workspace, _) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);

        // Other tests in the collection train (and so register) more versions; the quickstart's own are its two runs'.
        var versions = (await workspace!.Registry.ListVersionsAsync("churn", CancellationToken.None)).Where(v => v.CreatedBy == "tester").ToList();

        Assert.Equal([1, 2], versions.Select(v => v.Version));
        foreach (var version in versions)
        {
            Assert.True(await workspace.Artifacts.ExistsAsync(version.ArtifactPath, CancellationToken.None), version.ArtifactPath);
            Assert.Equal(42, version.Lineage.Seed);
            Assert.False(string.IsNullOrEmpty(version.Lineage.TrainingSetHash));
            Assert.NotEmpty(version.Lineage.FeatureViewVersions);
        }
    }
}
