using ChurnOps.Core.Registry;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Registry;

/// <summary>
/// What every IModelRegistry backend must do beyond numbering: models with tags, rename, deletes that never free a
/// number, stages, approvals with their evidence, and MLflow's search grammar.
/// </summary>
public abstract class ModelRegistryLifecycleContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    protected abstract Task<IModelRegistry> CreateStoreAsync();

    private static NewModelVersion Version(string run, string model = "churn", IReadOnlyDictionary<string, string>? tags = null, string? source = null) =>
        new(model, run, $"models/{model}/{run}/model.zip", "lightgbm", new Dictionary<string, double> { ["valid_auc"] = 0.81 },
            new ModelLineage("ds-1", new Dictionary<string, string> { ["customer_features"] = "fv-1" }, "sha256:ab", "git-1", 42, "churned", null)
            {
                DatasetVersions = ["ds-1", "ds-2"],
                ContractVersion = "customers@1.2.0",
                ThresholdPolicy = "precision_at:0.8",
                Threshold = 0.4375,
                SourceRunId = run,
            },
            "alice",
            null)
        {
            Tags = tags ?? new Dictionary<string, string>(),
            Source = source,
            Gates = new GateVerdict(true, new Dictionary<string, double> { ["min_auc"] = 0.7 }, []),
        };

    [Fact]
    public async Task RegisterAsync_NewVersion_PendingApprovalWithLineageGatesAndTags()
    {
        var registry = await CreateStoreAsync();

        await registry.RegisterAsync(Version("r1", tags: new Dictionary<string, string> { ["team"] = "ds" }, source: "runs:/r1/model"), Ct);

        var stored = (await registry.GetAsync("churn", 1, Ct))!;
        Assert.Equal(ModelVersionStatus.PendingApproval, stored.Status);
        Assert.Equal(ModelStage.None, stored.Stage);
        Assert.Equal("runs:/r1/model", stored.Source);
        Assert.Equal("ds", stored.Tags["team"]);
        Assert.Equal(["ds-1", "ds-2"], stored.Lineage.DatasetVersions);
        Assert.Equal(("customers@1.2.0", "precision_at:0.8", 0.4375, "r1"), (stored.Lineage.ContractVersion, stored.Lineage.ThresholdPolicy, stored.Lineage.Threshold, stored.Lineage.SourceRunId));
        Assert.True(stored.Gates!.Passed);
        Assert.Equal(0.7, stored.Gates.Thresholds["min_auc"]);
        Assert.Equal(Time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task CreateModelAsync_Duplicate_AlreadyExistsAndKeepsTheFirst()
    {
        var registry = await CreateStoreAsync();

        var created = await registry.CreateModelAsync(new NewRegisteredModel("churn", "churn risk", new Dictionary<string, string> { ["domain"] = "crm" }, "mlops-team"), Ct);
        var again = await registry.CreateModelAsync(new NewRegisteredModel("churn", "other", new Dictionary<string, string>(), null), Ct);

        Assert.True(created.IsSuccess);
        Assert.Equal(RegistryErrorCode.ResourceAlreadyExists, again.Error!.Code);
        Assert.Equal("Registered Model (name=churn) already exists.", again.Error.Message);
        var model = (await registry.GetModelAsync("churn", Ct))!;
        Assert.Equal(("churn risk", "mlops-team", "crm"), (model.Description, model.OwnerTeam, model.Tags["domain"]));
    }

    [Fact]
    public async Task DeleteVersionAsync_ThenRegister_NeverReusesTheNumber()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.RegisterAsync(Version("r2"), Ct);
        await registry.SetAliasAsync("churn", "challenger", 2, Ct);

        Assert.True((await registry.DeleteVersionAsync("churn", 2, Ct)).IsSuccess);
        var next = await registry.RegisterAsync(Version("r3"), Ct);

        Assert.Equal(3, next.Version);
        Assert.Null(await registry.GetAsync("churn", 2, Ct));
        Assert.Empty(await registry.GetAliasesAsync("churn", Ct));
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.DeleteVersionAsync("churn", 2, Ct)).Error!.Code);
    }

    [Fact]
    public async Task DeleteModelAsync_ThenRegisterSameName_ContinuesNumbering()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.SetModelTagAsync("churn", "k", "v", Ct);
        await registry.SetVersionTagAsync("churn", 1, "k", "v", Ct);

        Assert.True((await registry.DeleteModelAsync("churn", Ct)).IsSuccess);
        Assert.Null(await registry.GetModelAsync("churn", Ct));
        var again = await registry.RegisterAsync(Version("r2"), Ct);

        Assert.Equal(2, again.Version);
        Assert.Empty((await registry.GetModelAsync("churn", Ct))!.Tags);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.DeleteModelAsync("upsell", Ct)).Error!.Code);
    }

    [Fact]
    public async Task RenameModelAsync_MovesVersionsAliasesTagsAndApprovals()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.SetAliasAsync("churn", "champion", 1, Ct);
        await registry.SetModelTagAsync("churn", "k", "v", Ct);
        await registry.SetVersionTagAsync("churn", 1, "vk", "vv", Ct);
        await registry.RecordApprovalAsync(Approval("churn", 1, ApprovalDecision.Approve), Ct);

        var renamed = await registry.RenameModelAsync("churn", "churn-v2", Ct);
        var next = await registry.RegisterAsync(Version("r2", model: "churn-v2"), Ct);

        Assert.True(renamed.IsSuccess);
        Assert.Equal("v", renamed.Value!.Tags["k"]);
        Assert.Null(await registry.GetModelAsync("churn", Ct));
        Assert.Equal(1, (await registry.GetByAliasAsync("churn-v2", "champion", Ct))!.Version);
        Assert.Equal("vv", (await registry.GetAsync("churn-v2", 1, Ct))!.Tags["vk"]);
        Assert.Single(await registry.GetApprovalsAsync("churn-v2", 1, Ct));
        Assert.Equal(2, next.Version);
    }

    [Fact]
    public async Task RenameModelAsync_TargetExistsOrSourceMissing_Refused()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.RegisterAsync(Version("u1", model: "upsell"), Ct);

        Assert.Equal(RegistryErrorCode.ResourceAlreadyExists, (await registry.RenameModelAsync("churn", "upsell", Ct)).Error!.Code);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.RenameModelAsync("nope", "x", Ct)).Error!.Code);
        Assert.Single(await registry.ListVersionsAsync("churn", Ct));
    }

    [Fact]
    public async Task TransitionStageAsync_ArchiveExisting_ArchivesOnlyOthersInThatStage()
    {
        var registry = await CreateStoreAsync();
        for (var i = 1; i <= 3; i++)
        {
            await registry.RegisterAsync(Version("r" + i), Ct);
        }

        await registry.TransitionStageAsync("churn", 1, ModelStage.Production, false, Ct);
        await registry.TransitionStageAsync("churn", 2, ModelStage.Staging, false, Ct);
        var moved = await registry.TransitionStageAsync("churn", 3, ModelStage.Production, true, Ct);

        Assert.Equal(ModelStage.Production, moved.Value!.Stage);
        Assert.Equal(ModelStage.Archived, (await registry.GetAsync("churn", 1, Ct))!.Stage);
        Assert.Equal(ModelStage.Staging, (await registry.GetAsync("churn", 2, Ct))!.Stage);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.TransitionStageAsync("churn", 9, ModelStage.Staging, false, Ct)).Error!.Code);
    }

    [Fact]
    public async Task RecordApprovalAsync_ApproveThenReject_StatusFollowsAndHistoryKeepsEvidence()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);

        var approved = await registry.RecordApprovalAsync(Approval("churn", 1, ApprovalDecision.Approve), Ct);
        Time.Advance(TimeSpan.FromHours(1));
        var rejected = await registry.RecordApprovalAsync(Approval("churn", 1, ApprovalDecision.Reject) with { DecidedAt = Time.GetUtcNow(), Note = "drift" }, Ct);

        Assert.Equal(ModelVersionStatus.Approved, approved.Value!.Status);
        Assert.Equal(ModelVersionStatus.Rejected, rejected.Value!.Status);
        var history = await registry.GetApprovalsAsync("churn", 1, Ct);
        Assert.Equal([ApprovalDecision.Approve, ApprovalDecision.Reject], history.Select(a => a.Decision));
        Assert.Equal(("mlops-team", "bob", "drift"), (history[1].Team, history[1].Actor, history[1].Note));
        Assert.Equal(0.81, history[0].EvidenceMetrics["valid_auc"]);
        Assert.True(history[0].EvidenceVerdict.Passed);
        Assert.Equal(Time.GetUtcNow(), history[1].DecidedAt);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.RecordApprovalAsync(Approval("churn", 7, ApprovalDecision.Approve), Ct)).Error!.Code);
    }

    [Fact]
    public async Task SearchVersionsAsync_FilterGrammar_MatchesMlflowSemantics()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1", tags: new Dictionary<string, string> { ["env"] = "prod" }, source: "runs:/r1/model"), Ct);
        await registry.RegisterAsync(Version("r2", source: "s3://bucket/Model"), Ct);
        await registry.RegisterAsync(Version("u1", model: "Churn_EU"), Ct);

        async Task<IReadOnlyList<string>> Find(string filter, params string[] order)
        {
            var (clauses, error) = RegistryFilter.Parse(filter, versions: true);
            Assert.Null(error);
            var (orderBy, orderError) = RegistryFilter.ParseOrder(order, versions: true);
            Assert.Null(orderError);
            var page = await registry.SearchVersionsAsync(new RegistryQuery(clauses!, orderBy!, 100, 0), Ct);
            return page.Items.Select(v => $"{v.ModelName}/{v.Version}").ToList();
        }

        Assert.Equal(["churn/2", "churn/1"], await Find("name = 'churn'"));
        Assert.Equal(["churn/1", "churn/2"], await Find("name='churn'", "version_number ASC"));
        Assert.Equal(["churn/1"], await Find("tags.`env` = 'prod' AND name = 'churn'"));
        Assert.Equal(["churn/2"], await Find("run_id = 'r2'"));
        Assert.Equal(["churn/2", "churn/1"], await Find("run_id IN ('r1', 'r2')"));
        Assert.Equal(["churn/2"], await Find("source_path LIKE 's3://%'"));
        Assert.Equal(["churn/1"], await Find("source_path LIKE '%model'"));
        Assert.Equal(["churn/2", "churn/1"], await Find("source_path ILIKE '%model'"));
        Assert.Equal(["Churn_EU/1"], await Find("name LIKE 'Churn%'"));
        Assert.Equal(["Churn_EU/1", "churn/2", "churn/1"], await Find("name ILIKE 'churn%'"));
        Assert.Equal(["churn/2"], await Find("name = 'churn' AND version_number > 1"));
    }

    [Fact]
    public async Task SearchModelsAsync_PagesWithTokenAndOrders()
    {
        var registry = await CreateStoreAsync();
        foreach (var name in new[] { "b", "a", "c" })
        {
            await registry.CreateModelAsync(new NewRegisteredModel(name, null, new Dictionary<string, string> { ["kind"] = name == "c" ? "x" : "y" }, null), Ct);
        }

        var first = await registry.SearchModelsAsync(new RegistryQuery([], [], 2, 0), Ct);
        var second = await registry.SearchModelsAsync(new RegistryQuery([], [], 2, 2), Ct);
        var (tagged, _) = RegistryFilter.Parse("tags.kind = 'y'", versions: false);
        var filtered = await registry.SearchModelsAsync(new RegistryQuery(tagged!, [new RegistryOrder("name", true)], 10, 0), Ct);

        Assert.Equal(["a", "b"], first.Items.Select(m => m.Name));
        Assert.NotNull(first.NextPageToken);
        Assert.Equal(["c"], second.Items.Select(m => m.Name));
        Assert.Null(second.NextPageToken);
        Assert.Equal(["b", "a"], filtered.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task TagsAndDescriptions_SetUpdateDelete_RoundTrip()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);

        await registry.SetModelTagAsync("churn", "k", "1", Ct);
        await registry.SetModelTagAsync("churn", "k", "2", Ct);
        await registry.UpdateModelAsync("churn", "new text", Ct);
        await registry.SetVersionTagAsync("churn", 1, "a", "x", Ct);
        await registry.SetVersionTagAsync("churn", 1, "b", "y", Ct);
        await registry.DeleteVersionTagAsync("churn", 1, "a", Ct);
        var version = await registry.UpdateVersionAsync("churn", 1, "v text", Ct);

        var model = (await registry.GetModelAsync("churn", Ct))!;
        Assert.Equal(("2", "new text"), (model.Tags["k"], model.Description));
        Assert.Equal("v text", version.Value!.Description);
        Assert.Equal(["b"], version.Value.Tags.Keys);
        Assert.Empty((await registry.DeleteModelTagAsync("churn", "k", Ct)).Value!.Tags);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.SetVersionTagAsync("churn", 5, "a", "b", Ct)).Error!.Code);
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, (await registry.UpdateModelAsync("nope", "d", Ct)).Error!.Code);
    }

    [Fact]
    public async Task DeleteAliasAsync_KnownAndUnknown_TrueThenFalse()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1"), Ct);
        await registry.SetAliasAsync("churn", "challenger", 1, Ct);

        Assert.True(await registry.DeleteAliasAsync("churn", "challenger", Ct));
        Assert.False(await registry.DeleteAliasAsync("churn", "challenger", Ct));
        Assert.Null(await registry.GetByAliasAsync("churn", "challenger", Ct));
    }

    [Fact]
    public async Task SetAliasAsync_RequiredStatus_CheckedWithTheWrite()
    {
        var registry = await CreateStoreAsync();
        await registry.RegisterAsync(Version("r1") with { OwnerTeam = "mlops-team" }, Ct);

        var pending = await registry.SetAliasAsync("churn", "champion", 1, ModelVersionStatus.Approved, Ct);
        var missing = await registry.SetAliasAsync("churn", "champion", 5, ModelVersionStatus.Approved, Ct);
        await registry.RecordApprovalAsync(Approval("churn", 1, ApprovalDecision.Approve), Ct);
        var approved = await registry.SetAliasAsync("churn", "champion", 1, ModelVersionStatus.Approved, Ct);

        Assert.Equal((RegistryErrorCode.PermissionDenied, "churn v1 is pending_approval, not approved"), (pending.Error!.Code, pending.Error.Message));
        Assert.Equal(RegistryErrorCode.ResourceDoesNotExist, missing.Error!.Code);
        Assert.Equal(1, approved.Value!.Version);
        Assert.Equal(1, (await registry.GetAliasesAsync("churn", Ct))["champion"]);
        Assert.Equal("mlops-team", (await registry.GetModelAsync("churn", Ct))!.OwnerTeam);
    }

    private ModelApproval Approval(string model, int version, ApprovalDecision decision) =>
        new(model, version, decision, "mlops-team", "bob", Time.GetUtcNow(), "looks good",
            new Dictionary<string, double> { ["valid_auc"] = 0.81 }, new GateVerdict(true, new Dictionary<string, double> { ["min_auc"] = 0.7 }, []));
}
