using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// What scoring one online row costs per champion kind, the only part of a request that differs between them: each model
/// in MODELS (default churn) of the project in PROJECT is loaded as `churnops serve` loads its champion, and a one-row
/// table scored many times on one thread. Prints the scorer serving chose and thread CPU ns and bytes per row.
/// E.g. PROJECT=/tmp/proj MODELS="churn churn_lightgbm churn_sdca churn_blend", each trained into the project with
/// `churnops train --trainers T --model NAME` and aliased champion.
/// </summary>
internal sealed class ServedChampionsHarness : IBenchHarness
{
    public string Name => "serving-champions";

    public string Description => "one-row scoring per champion kind (PROJECT, MODELS): the scorer used, thread CPU ns and B per row";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var project = Environment.GetEnvironmentVariable("PROJECT") ?? throw new InvalidOperationException("set PROJECT to a project directory");
        var models = (Environment.GetEnvironmentVariable("MODELS") ?? "churn").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, TimeProvider.System, cancellationToken);
        if (workspace is null)
        {
            throw new InvalidOperationException(error);
        }

        var cache = new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time);
        var rows = await workspace.Warehouse.QueryAsync("SELECT * EXCLUDE (customer_id, event_timestamp) FROM features.customer_features ORDER BY customer_id LIMIT 1", cancellationToken);
        var n = quick ? 20_000 : 100_000;
        foreach (var model in models)
        {
            var (served, loadError) = await cache.GetAsync(model, workspace.Config.Serving.Alias, cancellationToken);
            if (served is null)
            {
                Console.WriteLine($"{model}: {loadError}");
                continue;
            }

            for (var i = 0; i < 1_000; i++)
            {
                served.Engine.ScoreBatch(rows);
            }

            var best = double.MaxValue;
            long bytes = 0;
            for (var round = 0; round < 5; round++)
            {
                var cpu0 = ThreadCpuClock.Nanoseconds();
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < n; i++)
                {
                    served.Engine.ScoreBatch(rows);
                }

                best = Math.Min(best, (double)(ThreadCpuClock.Nanoseconds() - cpu0) / n);
                bytes = (GC.GetAllocatedBytesForCurrentThread() - a0) / n;
            }

            Console.WriteLine($"{model,-24} {served.Engine.Package.Metadata.Trainer,-10} {served.Engine.Scorer,-16} {best,8:F0} ns CPU/row {bytes,6} B/row");
        }
    }
}
