using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Registry;

/// <summary>The approval rule and the registry's refusals, over a real project (SQLite metadata, churnops.yaml's teams and gates).</summary>
public sealed class ModelLifecycleTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly RegistryActor Bob = new("bob", "mlops-team");
    private TestProject _project = null!;

    private ModelLifecycle Lifecycle => _project.Workspace.Services.GetRequiredService<ModelLifecycle>();

    private ProjectConfig Config => _project.Workspace.Config;

    public async Task InitializeAsync() => _project = await TestProject.CreateAsync();

    public async Task DisposeAsync() => await _project.DisposeAsync();

    [Fact]
    public async Task ApproveAsync_AccountableTeamMember_RecordsDecisionWithEvidenceAndEvent()
    {
        await RegisterAsync();

        var approved = await Lifecycle.ApproveAsync("churn", 1, Bob, "meets the PM target", Ct);

        Assert.Equal(ModelVersionStatus.Approved, approved.Value!.Status);
        var history = Assert.Single(await _project.Workspace.Registry.GetApprovalsAsync("churn", 1, Ct));
        Assert.Equal((ApprovalDecision.Approve, "mlops-team", "bob", "meets the PM target"), (history.Decision, history.Team, history.Actor, history.Note));
        Assert.Equal(0.9, history.EvidenceMetrics["valid_auc"]);
        Assert.True(history.EvidenceVerdict.Passed);
        var events = await _project.Workspace.Services.GetRequiredService<Core.Events.IEventLog>().ReadAfterAsync(0, 100, Ct);
        Assert.Contains(events, e => e.Type == "model.churn.approved" && e.Subject == "churn/1");
    }

    [Fact]
    public async Task ApproveAsync_WrongTeamOrNoTeam_PermissionDeniedNamingTheAccountableTeam()
    {
        await RegisterAsync();

        var wrong = await Lifecycle.ApproveAsync("churn", 1, new RegistryActor("bob", "data-science"), null, Ct);
        var none = await Lifecycle.ApproveAsync("churn", 1, new RegistryActor("bob", null), null, Ct);

        Assert.Equal(RegistryErrorCode.PermissionDenied, wrong.Error!.Code);
        Assert.Equal("cannot approve churn v1: sign-off belongs to the accountable team 'mlops-team' (registry.approval.accountable_team), and bob acts for 'data-science'", wrong.Error.Message);
        Assert.Contains("bob acts for no team", none.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ModelVersionStatus.PendingApproval, (await _project.Workspace.Registry.GetAsync("churn", 1, Ct))!.Status);
    }

    [Fact]
    public async Task ApproveAsync_TrainerUnderFourEyes_DeniedAndAllowedWhenTheRuleIsOff()
    {
        await RegisterAsync(createdBy: "alice");

        var denied = await Lifecycle.ApproveAsync("churn", 1, new RegistryActor("Alice", "mlops-team"), null, Ct);
        Config.Registry.Approval.FourEyes = false;
        var allowed = await Lifecycle.ApproveAsync("churn", 1, new RegistryActor("alice", "mlops-team"), null, Ct);

        Assert.Equal(RegistryErrorCode.PermissionDenied, denied.Error!.Code);
        Assert.Contains("four-eyes rule (registry.approval.four_eyes)", denied.Error.Message, StringComparison.Ordinal);
        Assert.True(allowed.IsSuccess);
    }

    [Fact]
    public async Task ApproveAsync_GateFailingVersion_RefusedWithTheFailures()
    {
        await RegisterAsync(gates: new GateVerdict(false, new Dictionary<string, double> { ["min_auc"] = 0.7 }, ["auc 0.61 < min_auc 0.7"]));
        await RegisterAsync(gates: null, metrics: new Dictionary<string, double> { ["valid_auc"] = 0.95, ["valid_precision"] = 0.1 });

        var recorded = await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);
        var computed = await Lifecycle.ApproveAsync("churn", 2, Bob, null, Ct);

        Assert.Equal("cannot approve churn v1: it fails its evaluation gates (auc 0.61 < min_auc 0.7)", recorded.Error!.Message);
        Assert.Equal(RegistryErrorCode.InvalidParameterValue, recorded.Error.Code);
        Assert.Equal("cannot approve churn v2: it fails its evaluation gates (precision 0.1 < min_precision 0.3; no recall metric recorded for min_recall)", computed.Error!.Message);
    }

    [Fact]
    public async Task ApproveAsync_AlreadyApprovedOrUnknown_Refused()
    {
        await RegisterAsync();
        await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);

        Assert.Equal("churn v1 is already approved", (await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct)).Error!.Message);
        Assert.Equal("Model Version (name=churn, version=4) not found", (await Lifecycle.ApproveAsync("churn", 4, Bob, null, Ct)).Error!.Message);
        Assert.Equal("Registered Model with name=upsell not found", (await Lifecycle.ApproveAsync("upsell", 1, Bob, null, Ct)).Error!.Message);
    }

    [Fact]
    public async Task ApproveAsync_NoAccountableTeamConfigured_DeniedSayingWhatToSet()
    {
        await RegisterAsync();
        Config.Teams.RemoveAll(t => t.Role is "mlops" or "ml-engineering");

        var result = await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);

        Assert.Contains("no accountable team; set registry.approval.accountable_team", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAliasAsync_ServingAliasBeforeAndAfterApproval_DeniedThenMoved()
    {
        await RegisterAsync();

        var before = await Lifecycle.SetAliasAsync("churn", "champion", 1, Ct);
        var challenger = await Lifecycle.SetAliasAsync("churn", "challenger", 1, Ct);
        await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);
        var after = await Lifecycle.SetAliasAsync("churn", "champion", 1, Ct);

        Assert.Equal(RegistryErrorCode.PermissionDenied, before.Error!.Code);
        Assert.Equal(
            "alias 'champion' serves traffic (serving.alias): churn v1 is pending_approval, not approved; approval by the accountable team 'mlops-team' is missing (churnops models approve churn 1)",
            before.Error.Message);
        Assert.True(challenger.IsSuccess);
        Assert.True(after.IsSuccess);
        Assert.Equal(1, (await _project.Workspace.Registry.GetByAliasAsync("churn", "champion", Ct))!.Version);
    }

    [Theory]
    [InlineData("latest", "'latest' is a reserved alias name")]
    [InlineData("V12", "'V12' is a reserved alias name (vN names version N)")]
    [InlineData("", "alias name is empty")]
    [InlineData("a/b", "may only use letters, digits")]
    public async Task SetAliasAsync_ReservedOrMalformed_Invalid(string alias, string expected)
    {
        await RegisterAsync();

        var result = await Lifecycle.SetAliasAsync("churn", alias, 1, Ct);

        Assert.Equal(RegistryErrorCode.InvalidParameterValue, result.Error!.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectAsync_NeedsNote_RecordsIt_AndRefusesRejectingTheServingVersion()
    {
        await RegisterAsync();
        await RegisterAsync();
        await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);
        await Lifecycle.SetAliasAsync("churn", "champion", 1, Ct);

        var noNote = await Lifecycle.RejectAsync("churn", 2, Bob, " ", Ct);
        var rejected = await Lifecycle.RejectAsync("churn", 2, Bob, "leaks the label", Ct);
        var serving = await Lifecycle.RejectAsync("churn", 1, Bob, "drifted", Ct);
        var servingAlias = await Lifecycle.SetAliasAsync("churn", "champion", 2, Ct);

        Assert.Equal("rejecting churn v2 needs a note saying why", noNote.Error!.Message);
        Assert.Equal(ModelVersionStatus.Rejected, rejected.Value!.Status);
        Assert.Contains("alias 'champion' (serving.alias, serves traffic) points to it", serving.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("churn v2 is rejected, not approved", servingAlias.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteVersionAsync_AliasPointsToIt_RefusedNamingTheAlias()
    {
        await RegisterAsync();
        await RegisterAsync();
        await Lifecycle.SetAliasAsync("churn", "shadow", 2, Ct);

        var refused = await Lifecycle.DeleteVersionAsync("churn", 2, Ct);
        var deleted = await Lifecycle.DeleteVersionAsync("churn", 1, Ct);

        Assert.Equal("churn v2 cannot be deleted: alias 'shadow' points to it; move or delete the alias first", refused.Error!.Message);
        Assert.True(deleted.IsSuccess);
        Assert.Null(await _project.Workspace.Registry.GetAsync("churn", 1, Ct));
    }

    [Fact]
    public async Task DeleteVersionAsync_OpenDeploymentRoutesToIt_RefusedNamingTheDeployment()
    {
        await RegisterAsync();
        await RegisterAsync();
        await RegisterAsync();
        var store = _project.Workspace.Services.GetRequiredService<Core.Deployments.IDeploymentStore>();
        var deployment = await store.CreateAsync(new Core.Deployments.NewDeployment("churn", "champion", 1, 2, [10, 100], TimeSpan.FromMinutes(5), false, "bob"), Ct);

        var candidate = await Lifecycle.DeleteVersionAsync("churn", 2, Ct);
        var stable = await Lifecycle.DeleteVersionAsync("churn", 1, Ct);
        var model = await Lifecycle.DeleteModelAsync("churn", Ct);
        var unrelated = await Lifecycle.DeleteVersionAsync("churn", 3, Ct);

        Assert.Equal($"churn v2 cannot be deleted: deployment {deployment!.Id} (active) routes traffic to it; roll it back or let it complete first", candidate.Error!.Message);
        Assert.Contains($"deployment {deployment.Id}", stable.Error!.Message, StringComparison.Ordinal);
        Assert.Contains($"deployment {deployment.Id}", model.Error!.Message, StringComparison.Ordinal);
        Assert.True(unrelated.IsSuccess);
        Assert.NotNull(await _project.Workspace.Registry.GetAsync("churn", 2, Ct));
    }

    [Fact]
    public async Task RenameModelAsync_ServingAliasSet_RefusedOtherwiseRenamed()
    {
        await RegisterAsync();
        await Lifecycle.ApproveAsync("churn", 1, Bob, null, Ct);
        await Lifecycle.SetAliasAsync("churn", "champion", 1, Ct);

        var refused = await Lifecycle.RenameModelAsync("churn", "churn-v2", Ct);
        await Lifecycle.DeleteAliasAsync("churn", "champion", Ct);
        var renamed = await Lifecycle.RenameModelAsync("churn", "churn-v2", Ct);

        Assert.Equal("model churn cannot be renamed: alias 'champion' (serving.alias, serves traffic) points to v1; delete the alias first", refused.Error!.Message);
        Assert.Equal("churn-v2", renamed.Value!.Name);
    }

    [Fact]
    public async Task ResolveAsync_VersionAliasLatestStage_AndPreciseMisses()
    {
        await RegisterAsync();
        await RegisterAsync();
        await Lifecycle.SetAliasAsync("churn", "challenger", 1, Ct);
        await Lifecycle.TransitionStageAsync("churn", 1, ModelStage.Staging, false, Ct);

        async Task<string> Resolve(string text)
        {
            var (uri, error) = ModelUri.Parse(text);
            Assert.True(uri is not null, error);
            var result = await Lifecycle.ResolveAsync(uri, Ct);
            return result.Value is { } v ? v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : result.Error!.Message;
        }

        Assert.Equal("2", await Resolve("models:/churn/2"));
        Assert.Equal("1", await Resolve("models:/churn@challenger"));
        Assert.Equal("2", await Resolve("models:/churn/latest"));
        Assert.Equal("1", await Resolve("models:/churn/Staging"));
        Assert.Equal("Registered model alias champion not found for model churn (aliases: challenger).", await Resolve("models:/churn@champion"));
        Assert.Equal("model churn has no version in stage Production (models:/churn/Production).", await Resolve("models:/churn/Production"));
        Assert.Equal("Model Version (name=churn, version=7) not found", await Resolve("models:/churn/7"));
        Assert.Equal("Registered Model with name=upsell not found", await Resolve("models:/upsell/1"));
    }

    [Fact]
    public void Validate_AccountableTeamNotAProjectTeam_NamedWithTheKnownTeams()
    {
        Config.Registry.Approval.AccountableTeam = "risk";

        var errors = Config.Validate();

        Assert.Contains("registry.approval.accountable_team: 'risk' is not one of the project's teams (data-engineering, data-science, ml-engineering, mlops-team, software-engineering)", errors);
    }

    private Task<ModelVersion> RegisterAsync(string createdBy = "alice", GateVerdict? gates = null, IReadOnlyDictionary<string, double>? metrics = null) =>
        _project.Workspace.Registry.RegisterAsync(
            new NewModelVersion("churn", "run", "models/churn/model.zip", "lightgbm", metrics ?? new Dictionary<string, double> { ["valid_auc"] = 0.9 },
                new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null), createdBy, null)
            {
                Gates = metrics is null ? gates ?? new GateVerdict(true, new Dictionary<string, double> { ["min_auc"] = 0.7 }, []) : gates,
            },
            Ct);
}
