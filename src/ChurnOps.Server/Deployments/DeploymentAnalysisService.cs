using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// The server's canary loop, on the project's clock: every <c>deployments.check_every</c> it re-reads the open
/// deployments (so `churnops deployments …` from another process takes effect), routes them, and judges each active one
/// whose step is due. A restarted server loads the open deployments before it listens and carries on from the persisted
/// step; a failure of one look is logged and retried at the next, never allowed to stop the server.
/// </summary>
internal sealed class DeploymentAnalysisService(IDeploymentStore store, ServingRouter router, CanaryJudge judge, DeploymentWarmup warmup, TimeProvider time, TimeSpan period, ILogger<DeploymentAnalysisService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Deployment> open = [];
        await router.RefreshAsync(async () => open = await store.ListOpenAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var deployment in open)
        {
            DeploymentLog.Resumed(logger, deployment.Id, deployment.ModelName, deployment.StepIndex + 1, deployment.CandidateWeight, deployment.CandidateVersion);

            // Before the server listens: the candidate's load, both arms' warm-up rows and the split's request path
            // (JIT) are paid here, not by the first requests routed to it nor by the first seconds of traffic.
            await warmup.WarmAsync(deployment, cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One check: re-read, route, judge what is due.</summary>
    internal async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            await router.RefreshAsync(async () =>
            {
                // A deployment started by another process (the CLI) is warmed before its route goes live, so its first
                // requests pay neither the candidate's load nor the JIT of the split (see DeploymentWarmup).
                var open = await store.ListOpenAsync(ct).ConfigureAwait(false);
                foreach (var deployment in open)
                {
                    if (router.Current(deployment.ModelName)?.Deployment.Id != deployment.Id)
                    {
                        await warmup.WarmAsync(deployment, ct).ConfigureAwait(false);
                    }
                }

                return open;
            }).ConfigureAwait(false);
            foreach (var route in router.All.Where(r => r.HandoverUntil is null && r.Deployment.Status == DeploymentStatus.Active).ToList())
            {
                // Loaded here, off the request path, so the candidate's first requests do not pay for loading it (a
                // package that cannot load is left to the requests: each counts as a candidate error). Once both arms
                // are loaded and warm, this is one dictionary lookup.
                await warmup.WarmAsync(route.Deployment, ct).ConfigureAwait(false);
                var result = await judge.LookAsync(route.Deployment, route.Stable.Snapshot(), route.Candidate.Snapshot(), labelled: null, ct).ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case CanaryStepResult.Advanced:
                        await router.ApplyAsync(result.Deployment).ConfigureAwait(false);
                        DeploymentLog.Advanced(logger, result.Deployment.Id, result.Deployment.ModelName, route.Deployment.StepIndex + 1, result.Deployment.CandidateVersion, result.Deployment.CandidateWeight, DeploymentService.Status(result.Deployment.Status));
                        break;
                    case CanaryStepResult.RolledBack:
                        await router.ApplyAsync(result.Deployment).ConfigureAwait(false);
                        DeploymentLog.RolledBack(logger, result.Deployment.Id, result.Deployment.ModelName, result.Deployment.Reason ?? "analysis failed");
                        break;
                    case CanaryStepResult.Superseded:
                        if (await store.GetAsync(route.Deployment.Id, ct).ConfigureAwait(false) is { } now)
                        {
                            await router.ApplyAsync(now).ConfigureAwait(false);
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeploymentLog.AnalysisFailed(logger, ex.Message.ReplaceLineEndings(" "));
        }
    }
}
