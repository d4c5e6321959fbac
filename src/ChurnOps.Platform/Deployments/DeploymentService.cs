using System.Globalization;
using ChurnOps.Core.Audit;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Deployments;

/// <summary>
/// Starts deployments and moves them step by step, for the CLI, the API and the server's analysis alike. Every move is a
/// compare-and-set on the step the caller saw, so a step is taken once however many processes try; the alias moves
/// before the deployment is marked completed, and moving it again to the same version is harmless, so a crash between
/// the two is finished by the next attempt rather than lost.
/// </summary>
public sealed class DeploymentService(IDeploymentStore store, IModelRegistry registry, ProjectConfig config, AuditTrail audit)
{
    public async Task<DeploymentOutcome> StartAsync(DeployRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await StartUnauditedAsync(request, ct).ConfigureAwait(false);
        await audit.RecordAsync("deployment.start", "deployment", outcome.Deployment is { } started ? started.Id.ToString(CultureInfo.InvariantCulture) : $"{request.Model}/{request.Version.ToString(CultureInfo.InvariantCulture)}",
            outcome.Deployment is null ? AuditOutcome.Refused : AuditOutcome.Succeeded, null, outcome.Deployment is { } d ? Summary(d) : null, outcome.Error, ct).ConfigureAwait(false);
        return outcome;
    }

    private async Task<DeploymentOutcome> StartUnauditedAsync(DeployRequest request, CancellationToken ct)
    {
        var (plan, errors) = DeploymentPlan.Create(request.Canary, request.Steps, request.Interval, request.Shadow, request.Weights, config.Deployments.DefaultInterval);
        if (request.Version < 1)
        {
            errors = [$"version: {request.Version} is not a model version; versions are positive integers", .. errors];
        }

        if (plan is null || errors.Count > 0)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.Invalid, string.Join("; ", errors));
        }

        var versions = await registry.ListVersionsAsync(request.Model, ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.NotFound, $"model '{Cut(request.Model)}' is not registered");
        }

        if (versions.FirstOrDefault(v => v.Version == request.Version) is not { } candidate)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.NotFound, $"model '{request.Model}' has no version {request.Version.ToString(CultureInfo.InvariantCulture)}");
        }

        // The registry's hand-off rule: only a version the accountable team approved may take serving traffic.
        if (candidate.Status != ModelVersionStatus.Approved)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.Conflict, $"version {candidate.Version} of '{candidate.ModelName}' is {StatusWord(candidate.Status)}; only an approved version can be deployed");
        }

        var alias = config.Serving.Alias;
        var stable = await registry.GetByAliasAsync(request.Model, alias, ct).ConfigureAwait(false);
        if (stable is null)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.Conflict, $"model '{request.Model}' has no version with alias '{alias}' to compare the candidate with; point '{alias}' at the serving version first");
        }

        if (stable.Version == request.Version)
        {
            return DeploymentOutcome.Refused(DeploymentProblemKind.Invalid, $"version {request.Version} is already the stable version ({request.Model}@{alias}); deploy another version");
        }

        var created = await store.CreateAsync(new NewDeployment(request.Model, alias, stable.Version, request.Version, plan.Steps, plan.Interval, plan.Shadow, request.CreatedBy), ct).ConfigureAwait(false);
        if (created is null)
        {
            var open = (await store.ListOpenAsync(ct).ConfigureAwait(false)).FirstOrDefault(d => d.ModelName == request.Model);
            return DeploymentOutcome.Refused(DeploymentProblemKind.Conflict, open is null
                ? $"model '{request.Model}' already has an open deployment"
                : $"model '{request.Model}' already has deployment {open.Id} ({Status(open.Status)}, version {open.CandidateVersion} at {open.CandidateWeight}%); promote, roll back or wait for it first");
        }

        return DeploymentOutcome.Done(created);
    }

    public async Task<DeploymentDetails?> GetAsync(long id, CancellationToken ct)
    {
        var deployment = await store.GetAsync(id, ct).ConfigureAwait(false);
        return deployment is null ? null : new DeploymentDetails(deployment, await store.ListEventsAsync(id, ct).ConfigureAwait(false));
    }

    public Task<IReadOnlyList<Deployment>> ListAsync(int max, CancellationToken ct) => store.ListAsync(max, ct);

    /// <summary>Moves an open deployment to its next step by hand (no analysis); the last step completes it and moves the alias.</summary>
    public Task<DeploymentOutcome> PromoteAsync(long id, CancellationToken ct) =>
        ActAsync(id, "promote", d => d.IsOpen, d => AdvanceUnauditedAsync(d, "promoted", [], [], "promoted by hand", ct), ct);

    public Task<DeploymentOutcome> PauseAsync(long id, CancellationToken ct) =>
        ActAsync(id, "pause", d => d.Status == DeploymentStatus.Active, d => MoveAsync(d, d.StepIndex, d.CandidateWeight, DeploymentStatus.Paused, "paused", [], [], "paused by hand", ct), ct);

    public Task<DeploymentOutcome> ResumeAsync(long id, CancellationToken ct) =>
        ActAsync(id, "resume", d => d.Status == DeploymentStatus.Paused, d => MoveAsync(d, d.StepIndex, d.CandidateWeight, DeploymentStatus.Active, "resumed", [], [], "resumed by hand", ct), ct);

    public Task<DeploymentOutcome> RollbackAsync(long id, CancellationToken ct) =>
        ActAsync(id, "roll back", d => d.IsOpen, d => RollBackUnauditedAsync(d, [], [], "rolled back by hand", ct), ct);

    /// <summary>The next step, or completion (alias moved) when the next weight is 100; null when someone else moved it first.</summary>
    public async Task<Deployment?> AdvanceAsync(Deployment deployment, string action, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string? reason, CancellationToken ct)
    {
        var moved = await AdvanceUnauditedAsync(deployment, action, figures, checks, reason, ct).ConfigureAwait(false);
        await AuditMoveAsync(deployment, moved, reason, ct).ConfigureAwait(false);
        return moved;
    }

    /// <summary>Candidate weight 0, the alias untouched; null when someone else moved the deployment first.</summary>
    public async Task<Deployment?> RollBackAsync(Deployment deployment, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string reason, CancellationToken ct)
    {
        var moved = await RollBackUnauditedAsync(deployment, figures, checks, reason, ct).ConfigureAwait(false);
        await AuditMoveAsync(deployment, moved, reason, ct).ConfigureAwait(false);
        return moved;
    }

    private async Task<Deployment?> AdvanceUnauditedAsync(Deployment deployment, string action, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var next = deployment.StepIndex + 1;
        if (next < deployment.Steps.Count && deployment.Steps[next] < 100)
        {
            return await MoveAsync(deployment, next, deployment.Steps[next], deployment.Status, action, figures, checks, reason, ct).ConfigureAwait(false);
        }

        // The alias moves only to a version still approved (it may have been rejected during the canary): else the
        // deployment waits, paused, for a person to decide.
        var candidate = await registry.GetAsync(deployment.ModelName, deployment.CandidateVersion, ct).ConfigureAwait(false);
        if (candidate?.Status != ModelVersionStatus.Approved)
        {
            var why = candidate is null ? "was deleted" : "is " + StatusWord(candidate.Status);
            return deployment.Status == DeploymentStatus.Paused
                ? null
                : await MoveAsync(deployment, deployment.StepIndex, deployment.CandidateWeight, DeploymentStatus.Paused, "paused", figures, checks,
                    $"version {deployment.CandidateVersion} {why}; {deployment.ModelName}@{deployment.Alias} stays on version {deployment.StableVersion}", ct).ConfigureAwait(false);
        }

        // Alias first, then the compare-and-set: a crash in between leaves the deployment open, and the retry sets the same alias again.
        await registry.SetAliasAsync(deployment.ModelName, deployment.Alias, deployment.CandidateVersion, ct).ConfigureAwait(false);
        return await MoveAsync(deployment, deployment.Steps.Count - 1, 100, DeploymentStatus.Completed, action, figures, checks,
            (reason is null ? string.Empty : reason + "; ") + $"{deployment.ModelName}@{deployment.Alias} -> version {deployment.CandidateVersion}", ct).ConfigureAwait(false);
    }

    private Task<Deployment?> RollBackUnauditedAsync(Deployment deployment, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return MoveAsync(deployment, deployment.StepIndex, 0, DeploymentStatus.RolledBack, "rolled-back", figures, checks, reason, ct);
    }

    public static string Status(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Active => "active",
        DeploymentStatus.Paused => "paused",
        DeploymentStatus.Completed => "completed",
        _ => "rolled-back",
    };

    private Task<Deployment?> MoveAsync(Deployment deployment, int step, int weight, DeploymentStatus status, string action, IReadOnlyList<ArmFigures> figures, IReadOnlyList<AnalysisCheck> checks, string? reason, CancellationToken ct) =>
        store.TransitionAsync(deployment.Id, new DeploymentTransition(deployment.StepIndex, deployment.Status, step, weight, status, action, figures, checks, reason), ct);

    private async Task<DeploymentOutcome> ActAsync(long id, string verb, Func<Deployment, bool> allowed, Func<Deployment, Task<Deployment?>> act, CancellationToken ct)
    {
        var deployment = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (deployment is null || !allowed(deployment))
        {
            var refused = deployment is null
                ? DeploymentOutcome.Refused(DeploymentProblemKind.NotFound, $"no deployment {id.ToString(CultureInfo.InvariantCulture)}")
                : DeploymentOutcome.Refused(DeploymentProblemKind.Conflict, $"deployment {id.ToString(CultureInfo.InvariantCulture)} is {Status(deployment.Status)}; cannot {verb} it");
            await AuditAsync(id, verb, deployment, refused, ct).ConfigureAwait(false);
            return refused;
        }

        var moved = await act(deployment).ConfigureAwait(false);
        var outcome = moved is null
            ? DeploymentOutcome.Refused(DeploymentProblemKind.Conflict, $"deployment {id.ToString(CultureInfo.InvariantCulture)} changed while you asked (another process moved it); look again")
            : DeploymentOutcome.Done(moved);
        await AuditAsync(id, verb, deployment, outcome, ct).ConfigureAwait(false);
        return outcome;
    }

    private Task AuditAsync(long id, string verb, Deployment? before, DeploymentOutcome outcome, CancellationToken ct) =>
        audit.RecordAsync("deployment." + verb.Replace(" ", string.Empty, StringComparison.Ordinal), "deployment", id.ToString(CultureInfo.InvariantCulture),
            outcome.Deployment is null ? AuditOutcome.Refused : AuditOutcome.Succeeded, before is null ? null : Summary(before), outcome.Deployment is { } after ? Summary(after) : null, outcome.Error, ct);

    // A move the analysis (or a pipeline) made on its own; a move another process made first is theirs to record.
    private Task AuditMoveAsync(Deployment before, Deployment? after, string? reason, CancellationToken ct) =>
        after is null
            ? Task.CompletedTask
            : audit.RecordAsync(after.Status switch
            {
                DeploymentStatus.RolledBack => "deployment.rollback",
                DeploymentStatus.Completed => "deployment.complete",
                DeploymentStatus.Paused => "deployment.pause",
                _ => "deployment.advance",
            }, "deployment", after.Id.ToString(CultureInfo.InvariantCulture), AuditOutcome.Succeeded, Summary(before), Summary(after), reason, ct);

    private static object Summary(Deployment d) => new
    {
        model = d.ModelName,
        d.Alias,
        stable_version = d.StableVersion,
        candidate_version = d.CandidateVersion,
        status = Status(d.Status),
        step = d.StepIndex + 1,
        candidate_weight = d.CandidateWeight,
        d.Shadow,
    };

    private static string StatusWord(ModelVersionStatus status) => status switch
    {
        ModelVersionStatus.Approved => "approved",
        ModelVersionStatus.Rejected => "rejected",
        _ => "pending approval",
    };

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
