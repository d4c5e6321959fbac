using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Registry;

/// <summary>
/// The registry's rules over the store, shared by the CLI and the MLflow API: sign-off by the accountable team (four
/// eyes, passing gates) before the serving alias or the Production stage may point at a version; reserved alias names;
/// no deleting what serves. Every refusal is a value with the reason and what to do instead.
/// </summary>
public sealed partial class ModelLifecycle(IModelRegistry registry, ProjectConfig config, IEventLog events, IDeploymentStore deployments, TimeProvider time, AuditTrail audit)
{
    private const int MaxAliasLength = 255;

    public ApprovalPolicy Policy { get; } = new(config);

    public IModelRegistry Registry => registry;

    public Task<RegistryResult<ModelVersion>> ApproveAsync(string modelName, int version, RegistryActor actor, string? note, CancellationToken ct) =>
        AuditedAsync("model_version.approve", modelName, version, null, SignOff(actor, note), () => DecideAsync(modelName, version, ApprovalDecision.Approve, actor, note, ct), ct);

    public Task<RegistryResult<ModelVersion>> RejectAsync(string modelName, int version, RegistryActor actor, string? note, CancellationToken ct) =>
        AuditedAsync("model_version.reject", modelName, version, null, SignOff(actor, note), () => DecideAsync(modelName, version, ApprovalDecision.Reject, actor, note, ct), ct);

    /// <summary>Points an alias at a version; the serving alias only at an approved one.</summary>
    public Task<RegistryResult<ModelVersion>> SetAliasAsync(string modelName, string alias, int version, CancellationToken ct) =>
        AuditedAsync("registered_model.set_alias", modelName, null, null, new { alias, version }, () => SetAliasUnauditedAsync(modelName, alias, version, ct), ct);

    private async Task<RegistryResult<ModelVersion>> SetAliasUnauditedAsync(string modelName, string alias, int version, CancellationToken ct)
    {
        if (AliasError(alias) is { } invalid)
        {
            return RegistryError.Invalid(invalid);
        }

        var found = await FindAsync(modelName, version, ct).ConfigureAwait(false);
        if (found.Error is not null)
        {
            return found;
        }

        if (Policy.IsServingAlias(alias) && found.Value!.Status != ModelVersionStatus.Approved)
        {
            return RegistryError.Denied(NotApproved(found.Value, $"alias '{alias}' serves traffic (serving.alias)"));
        }

        var set = await registry.SetAliasAsync(modelName, alias, version, Policy.IsServingAlias(alias) ? ModelVersionStatus.Approved : null, ct).ConfigureAwait(false);
        if (set.Error is { } error)
        {
            // Changed since the check above (rejected or deleted meanwhile): answer with the state as it is now.
            var now = await registry.GetAsync(modelName, version, ct).ConfigureAwait(false);
            return error.Code == RegistryErrorCode.PermissionDenied && now is not null
                ? RegistryError.Denied(NotApproved(now, $"alias '{alias}' serves traffic (serving.alias)"))
                : error;
        }

        await AppendAsync("alias_set", modelName, version, new() { ["alias"] = alias }, ct).ConfigureAwait(false);
        return found;
    }

    public Task<RegistryResult<bool>> DeleteAliasAsync(string modelName, string alias, CancellationToken ct) =>
        AuditedAsync("registered_model.delete_alias", modelName, null, null, new { alias }, () => DeleteAliasUnauditedAsync(modelName, alias, ct), ct);

    private async Task<RegistryResult<bool>> DeleteAliasUnauditedAsync(string modelName, string alias, CancellationToken ct)
    {
        if (await registry.GetModelAsync(modelName, ct).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        if (!await registry.DeleteAliasAsync(modelName, alias, ct).ConfigureAwait(false))
        {
            return RegistryError.NotFound($"Registered model alias {alias} not found for model {modelName}.");
        }

        await AppendAsync("alias_deleted", modelName, null, new() { ["alias"] = alias }, ct).ConfigureAwait(false);
        return RegistryResult<bool>.Ok(true);
    }

    /// <summary>Renames a model unless its serving alias is set: serving finds the model by name.</summary>
    public Task<RegistryResult<RegisteredModel>> RenameModelAsync(string modelName, string newName, CancellationToken ct) =>
        AuditedAsync("registered_model.rename", modelName, null, newName, new { new_name = newName }, () => RenameModelUnauditedAsync(modelName, newName, ct), ct);

    private async Task<RegistryResult<RegisteredModel>> RenameModelUnauditedAsync(string modelName, string newName, CancellationToken ct)
    {
        var aliases = await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false);
        if (aliases.TryGetValue(Policy.ServingAlias, out var serving))
        {
            return RegistryError.Invalid($"model {modelName} cannot be renamed: {Describe([Policy.ServingAlias])} points to v{serving}; delete the alias first");
        }

        var renamed = await registry.RenameModelAsync(modelName, newName, ct).ConfigureAwait(false);
        if (renamed.IsSuccess)
        {
            await AppendAsync("renamed", modelName, null, new() { ["new_name"] = newName }, ct).ConfigureAwait(false);
        }

        return renamed;
    }

    /// <summary>MLflow's stage transition; Production counts as serving, so it needs the same sign-off as the serving alias.</summary>
    public Task<RegistryResult<ModelVersion>> TransitionStageAsync(string modelName, int version, ModelStage stage, bool archiveExisting, CancellationToken ct) =>
        AuditedAsync("model_version.transition_stage", modelName, version, null, new { stage = RegistryNames.Stage(stage), archive_existing = archiveExisting }, () => TransitionStageUnauditedAsync(modelName, version, stage, archiveExisting, ct), ct);

    private async Task<RegistryResult<ModelVersion>> TransitionStageUnauditedAsync(string modelName, int version, ModelStage stage, bool archiveExisting, CancellationToken ct)
    {
        var found = await FindAsync(modelName, version, ct).ConfigureAwait(false);
        if (found.Error is not null)
        {
            return found;
        }

        if (stage == ModelStage.Production && found.Value!.Status != ModelVersionStatus.Approved)
        {
            return RegistryError.Denied(NotApproved(found.Value, "stage Production serves traffic"));
        }

        var moved = await registry.TransitionStageAsync(modelName, version, stage, archiveExisting, ct).ConfigureAwait(false);
        if (moved.IsSuccess)
        {
            await AppendAsync("stage_changed", modelName, version, new() { ["stage"] = RegistryNames.Stage(stage) }, ct).ConfigureAwait(false);
        }

        return moved;
    }

    /// <summary>Deletes a version no alias points to; the aliases that do are named.</summary>
    public Task<RegistryResult<bool>> DeleteVersionAsync(string modelName, int version, CancellationToken ct) =>
        AuditedAsync("model_version.delete", modelName, version, null, null, () => DeleteVersionUnauditedAsync(modelName, version, ct), ct);

    private async Task<RegistryResult<bool>> DeleteVersionUnauditedAsync(string modelName, int version, CancellationToken ct)
    {
        var found = await FindAsync(modelName, version, ct).ConfigureAwait(false);
        if (found.Error is { } error)
        {
            return error;
        }

        var pointing = (await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false)).Where(a => a.Value == version).Select(a => a.Key).ToList();
        if (pointing.Count > 0)
        {
            return RegistryError.Invalid($"{modelName} v{version} cannot be deleted: {Describe(pointing)} points to it; move or delete the alias first");
        }

        // A version an open canary routes traffic to serves as surely as an aliased one.
        var open = (await deployments.ListOpenAsync(ct).ConfigureAwait(false))
            .FirstOrDefault(d => d.ModelName == modelName && (d.StableVersion == version || d.CandidateVersion == version));
        if (open is not null)
        {
            return RegistryError.Invalid($"{modelName} v{version} cannot be deleted: deployment {open.Id} ({open.Status.ToString().ToLowerInvariant()}) routes traffic to it; roll it back or let it complete first");
        }

        var deleted = await registry.DeleteVersionAsync(modelName, version, ct).ConfigureAwait(false);
        if (deleted.IsSuccess)
        {
            await AppendAsync("version_deleted", modelName, version, [], ct).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>Deletes a model unless its serving alias is set (it serves traffic).</summary>
    public Task<RegistryResult<bool>> DeleteModelAsync(string modelName, CancellationToken ct) =>
        AuditedAsync("registered_model.delete", modelName, null, null, null, () => DeleteModelUnauditedAsync(modelName, ct), ct);

    private async Task<RegistryResult<bool>> DeleteModelUnauditedAsync(string modelName, CancellationToken ct)
    {
        if (await registry.GetModelAsync(modelName, ct).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(modelName);
        }

        var aliases = await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false);
        if (aliases.TryGetValue(Policy.ServingAlias, out var serving))
        {
            return RegistryError.Invalid($"model {modelName} cannot be deleted: {Describe([Policy.ServingAlias])} points to v{serving}; delete the alias first");
        }

        var open = (await deployments.ListOpenAsync(ct).ConfigureAwait(false)).FirstOrDefault(d => d.ModelName == modelName);
        if (open is not null)
        {
            return RegistryError.Invalid($"model {modelName} cannot be deleted: deployment {open.Id} ({open.Status.ToString().ToLowerInvariant()}) routes its traffic; roll it back or let it complete first");
        }

        var deleted = await registry.DeleteModelAsync(modelName, ct).ConfigureAwait(false);
        if (deleted.IsSuccess)
        {
            await AppendAsync("deleted", modelName, null, [], ct).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>The version a models:/ URI names, or why there is none.</summary>
    public async Task<RegistryResult<ModelVersion>> ResolveAsync(ModelUri uri, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (await registry.GetModelAsync(uri.Name, ct).ConfigureAwait(false) is null)
        {
            return RegistryError.ModelNotFound(uri.Name);
        }

        if (uri.Version is { } number)
        {
            return await FindAsync(uri.Name, number, ct).ConfigureAwait(false);
        }

        if (uri.Alias is { } alias)
        {
            if (await registry.GetByAliasAsync(uri.Name, alias, ct).ConfigureAwait(false) is { } aliased)
            {
                return aliased;
            }

            var known = await registry.GetAliasesAsync(uri.Name, ct).ConfigureAwait(false);
            return RegistryError.NotFound($"Registered model alias {alias} not found for model {uri.Name} (aliases: {(known.Count == 0 ? "none" : string.Join(", ", known.Keys))}).");
        }

        var versions = await registry.ListVersionsAsync(uri.Name, ct).ConfigureAwait(false);
        var match = versions.Where(v => uri.Latest || v.Stage == uri.Stage).MaxBy(v => v.Version);
        return match is not null
            ? match
            : RegistryError.NotFound($"model {uri.Name} has no version {(uri.Latest ? "at all" : $"in stage {uri.Stage}")} ({uri}).");
    }

    /// <summary>Null when <paramref name="alias"/> may name an alias; otherwise why not (MLflow reserves latest and vN).</summary>
    public static string? AliasError(string? alias)
    {
        if (string.IsNullOrWhiteSpace(alias))
        {
            return "alias name is empty";
        }

        if (alias.Length > MaxAliasLength)
        {
            return $"alias name is longer than {MaxAliasLength} characters";
        }

        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return "'latest' is a reserved alias name (models:/NAME/latest already means the newest version)";
        }

        if (ReservedVersionAlias().IsMatch(alias))
        {
            return $"'{alias}' is a reserved alias name (vN names version N)";
        }

        return AliasCharacters().IsMatch(alias) ? null : $"alias '{Shorten(alias)}' may only use letters, digits, '_', '-' and '.'";
    }

    private async Task<RegistryResult<ModelVersion>> DecideAsync(string modelName, int version, ApprovalDecision decision, RegistryActor actor, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(modelName, version, ct).ConfigureAwait(false);
        if (found.Error is not null)
        {
            return found;
        }

        var current = found.Value!;
        var verb = decision == ApprovalDecision.Approve ? "approve" : "reject";
        if (Policy.AccountableTeam is not { } team)
        {
            return RegistryError.Denied($"cannot {verb} {modelName} v{version}: no accountable team; set registry.approval.accountable_team in churnops.yaml or add a team with role mlops");
        }

        if (!string.Equals(actor.Team, team, StringComparison.Ordinal))
        {
            return RegistryError.Denied($"cannot {verb} {modelName} v{version}: sign-off belongs to the accountable team '{team}' (registry.approval.accountable_team), and {actor.Name} acts for {(actor.Team is null ? "no team" : $"'{actor.Team}'")}");
        }

        if (decision == ApprovalDecision.Reject && string.IsNullOrWhiteSpace(note))
        {
            return RegistryError.Invalid($"rejecting {modelName} v{version} needs a note saying why");
        }

        var evidence = Policy.Evidence(current);
        if (decision == ApprovalDecision.Approve)
        {
            if (Policy.FourEyes && string.Equals(actor.Name, current.CreatedBy, StringComparison.OrdinalIgnoreCase))
            {
                return RegistryError.Denied($"cannot approve {modelName} v{version}: four-eyes rule (registry.approval.four_eyes) — {actor.Name} trained it, so another member of '{team}' must approve it");
            }

            if (!evidence.Passed)
            {
                return RegistryError.Invalid($"cannot approve {modelName} v{version}: it fails its evaluation gates ({string.Join("; ", evidence.Failures)})");
            }

            if (current.Status == ModelVersionStatus.Approved)
            {
                return RegistryError.Invalid($"{modelName} v{version} is already approved");
            }
        }
        else
        {
            var serving = await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false);
            if (serving.TryGetValue(Policy.ServingAlias, out var servingVersion) && servingVersion == version)
            {
                return RegistryError.Invalid($"cannot reject {modelName} v{version}: {Describe([Policy.ServingAlias])} points to it; move the alias to another approved version first");
            }
        }

        var approval = new ModelApproval(modelName, version, decision, team, actor.Name, time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim(), current.Metrics, evidence);
        var recorded = await registry.RecordApprovalAsync(approval, ct).ConfigureAwait(false);
        if (recorded.IsSuccess)
        {
            await AppendAsync(decision == ApprovalDecision.Approve ? "approved" : "rejected", modelName, version, new() { ["team"] = team, ["actor"] = actor.Name }, ct).ConfigureAwait(false);
        }

        return recorded;
    }

    private async Task<RegistryResult<ModelVersion>> FindAsync(string modelName, int version, CancellationToken ct)
    {
        if (await registry.GetAsync(modelName, version, ct).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        return await registry.GetModelAsync(modelName, ct).ConfigureAwait(false) is null
            ? RegistryError.ModelNotFound(modelName)
            : RegistryError.VersionNotFound(modelName, version);
    }

    private string NotApproved(ModelVersion version, string why) =>
        $"{why}: {version.ModelName} v{version.Version} is {RegistryNames.Status(version.Status)}, not approved; "
        + $"approval by the accountable team '{Policy.AccountableTeam ?? "(none configured)"}' is missing (churnops models approve {version.ModelName} {version.Version})";

    private string Describe(IReadOnlyList<string> aliases) =>
        string.Join(", ", aliases.Select(a => Policy.IsServingAlias(a) ? $"alias '{a}' (serving.alias, serves traffic)" : $"alias '{a}'"));

    private Task AppendAsync(string what, string modelName, int? version, Dictionary<string, string> details, CancellationToken ct)
    {
        if (version is { } v)
        {
            details["version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var subject = version is null ? modelName : $"{modelName}/{version}";
        return events.AppendAsync($"model.{modelName}.{what}", subject, JsonSerializer.Serialize(details), ct);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex("^[vV][0-9]+$")]
    private static partial Regex ReservedVersionAlias();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex AliasCharacters();
}
