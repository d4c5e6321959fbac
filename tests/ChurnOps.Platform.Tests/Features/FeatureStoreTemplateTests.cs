using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>The reference view (customer_features) end to end over hand-made staging data.</summary>
public sealed class FeatureStoreTemplateTests
{
    private const string Labels = "SELECT customer_id, event_timestamp, churned FROM staging.labels";

    [Fact]
    public async Task ApplyAsync_TemplateProject_RegistersCustomerFeaturesOnceThenUnchanged()
    {
        await using var project = await FeatureProject.CreateAsync();

        var first = await project.Store.ApplyAsync(force: false, CancellationToken.None);
        var second = await project.Store.ApplyAsync(force: false, CancellationToken.None);

        Assert.True(first.Succeeded, first.Error);
        var view = Assert.Single(first.Views);
        Assert.Equal("customer_features", view.View);
        Assert.Equal(FeatureViewApplyStatus.Created, view.Status);
        Assert.Equal(FeatureViewApplyStatus.Unchanged, Assert.Single(second.Views).Status);
        Assert.Equal(view.Version, second.Views[0].Version);
    }

    [Fact]
    public async Task GetTrainingSetAsync_TemplateView_JoinsFeaturesKnownBeforeEachLabel()
    {
        await using var project = await FeatureProject.CreateAsync();
        await project.SqlAsync(StagingData.Tables + StagingData.Rows);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        var build = await project.Store.BuildAsync(null, CancellationToken.None);
        Assert.True(build.Succeeded, build.Error);

        var set = await project.Store.GetTrainingSetAsync(Labels, ["customer_features"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        var data = set.Data;
        Assert.Equal(5, data.RowCount);
        Assert.Equal(["customer_id", "event_timestamp", "churned"], data.Columns.Take(3).Select(c => c.Name));
        Assert.Equal(["C1", "C1", "C2", "C3", "C9"], data["customer_id"].Texts!.Select(t => t!));
        Assert.Equal(["customer_id", "event_timestamp"], set.EntityColumns);
        Assert.Equal(13, set.FeatureColumns.Count);
        // C1 at 03-06 00:00 sees the three events of 03-01 and 03-05 and the record before the 03-10 update.
        Assert.Equal(3, data["events_last_30d"].Numbers![0]);
        Assert.Equal(1, data["failed_payments_90d"].Numbers![0]);
        Assert.Equal(20.0, data["monthly_charges"].Numbers![0]);
        Assert.Equal("basic", data["plan"].Texts![0]);
        // C1 at 03-21 08:00 uses the 03-21 snapshot: the 03-20 event and the 03-10 update are known.
        Assert.Equal(4, data["events_last_30d"].Numbers![1]);
        Assert.Equal(50.0, data["monthly_charges"].Numbers![1]);
        Assert.Equal(1, data["days_since_last_event"].Numbers![1]);
        Assert.Equal(1, data["support_calls_90d"].Numbers![2]);
        Assert.True(double.IsNaN(data["days_since_last_event"].Numbers![3]));
        // C9 has no features at all: the row is kept with nulls.
        Assert.True(double.IsNaN(data["monthly_charges"].Numbers![4]));
        Assert.Null(data["plan"].Texts![4]);
        Assert.Equal(build.Views[0].Version, set.FeatureViewVersions["customer_features"]);
        Assert.Equal(64, set.TrainingSetHash.Length);
    }

    [Fact]
    public async Task GetTrainingSetAsync_SameInputsTwice_SameHash()
    {
        await using var project = await FeatureProject.CreateAsync();
        await project.SqlAsync(StagingData.Tables + StagingData.Rows);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        await project.Store.BuildAsync(null, CancellationToken.None);

        var first = await project.Store.GetTrainingSetAsync(Labels, ["customer_features"], CancellationToken.None);
        var second = await project.Store.GetTrainingSetAsync(Labels, ["customer_features"], CancellationToken.None);
        var fewer = await project.Store.GetTrainingSetAsync(Labels + " WHERE customer_id <> 'C9'", ["customer_features"], CancellationToken.None);

        Assert.Equal(first.TrainingSetHash, second.TrainingSetHash);
        Assert.NotEqual(first.TrainingSetHash, fewer.TrainingSetHash);
    }

    [Fact]
    public async Task BuildAsync_TemplateView_RecordsStatisticsPerFeature()
    {
        await using var project = await FeatureProject.CreateAsync();
        await project.SqlAsync(StagingData.Tables + StagingData.Rows);
        await project.Store.ApplyAsync(false, CancellationToken.None);

        var build = await project.Store.BuildAsync("customer_features", CancellationToken.None);

        Assert.True(build.Succeeded, build.Error);
        var outcome = Assert.Single(build.Views);
        Assert.True(outcome.TableRows > 0);
        Assert.Equal(outcome.TableRows, outcome.RowsWritten);
        var stored = await project.Store.Registry.GetStatisticsAsync(outcome.BuildId, CancellationToken.None);
        Assert.Equal(13, stored.Count);
        var charges = stored.Single(s => s.Feature == "monthly_charges");
        Assert.True(charges.IsNumeric);
        Assert.Equal(outcome.TableRows, charges.Count);
        Assert.Equal(20.0, charges.Min);
        Assert.Equal(70.0, charges.Max);
        Assert.Equal(outcome.TableRows, charges.Histogram.Sum(b => b.Count));
        var plan = stored.Single(s => s.Feature == "plan");
        Assert.False(plan.IsNumeric);
        Assert.Equal(3, plan.Distinct);
        Assert.Equal(outcome.TableRows, plan.Histogram.Sum(b => b.Count));
        var since = stored.Single(s => s.Feature == "days_since_last_event");
        Assert.True(since.Nulls > 0);
    }

    [Fact]
    public async Task MaterializeAsync_TemplateView_ServesLatestSnapshotPerCustomer()
    {
        await using var project = await FeatureProject.CreateAsync();
        await project.SqlAsync(StagingData.Tables + StagingData.Rows);
        await project.Store.ApplyAsync(false, CancellationToken.None);
        var build = await project.Store.BuildAsync(null, CancellationToken.None);

        var result = await project.Store.MaterializeAsync(incremental: false, CancellationToken.None);
        var c1 = await project.Store.GetOnlineFeaturesAsync("customer_features", "C1", CancellationToken.None);
        var missing = await project.Store.GetOnlineFeaturesAsync("customer_features", "C9", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, Assert.Single(result.Views).EntitiesOnline);
        Assert.NotNull(c1);
        Assert.Equal(build.Views[0].Version, c1.Version);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), c1.EventTimestamp);
        Assert.Equal(50.0, c1.Values["monthly_charges"]);
        Assert.Equal("premium", c1.Values["plan"]);
        Assert.Null(missing);
    }
}
