using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using ChurnOps.Server.Predict;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// What a canary adds to one online request, on one thread with no HTTP (so a busy machine moves it least): routing and
/// scoring, then routing, scoring, the prediction record and the arm's counters as the endpoints do (OnlineScoring, the
/// log's queue without the journal), each without a deployment and with a 10% canary active (by sequence, and sticky by
/// customer id). Interleaved rounds, best of 5 after a warm-up: the thread's CPU ns/op (steady on a busy machine), wall ns/op, bytes allocated per op.
/// First, what a deployment's first requests pay the JIT: methods compiled and JIT time during the first canary requests
/// after the plain path is warm, with the server's deployment warm-up run before them (CHURNOPS_BENCH_CANARY_WARMUP=0:
/// without it, for comparison in a second process).
/// </summary>
internal sealed class CanaryRoutingHarness : IBenchHarness
{
    public string Name => "serving-canary";

    public string Description => "a 10% canary's cost per online request (route, score, record, counters) in ns/op and B/op vs no deployment";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "churnops-bench-canary-" + Guid.NewGuid().ToString("N")[..8]);
        var (summary, error) = await new QuickstartRunner(TimeProvider.System).RunAsync(new QuickstartOptions(dir, 2000, 42, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "bench"), null, cancellationToken);
        if (summary is null)
        {
            throw new InvalidOperationException(error);
        }

        var (workspace, _) = await ChurnOpsWorkspace.OpenAsync(dir, TimeProvider.System, cancellationToken);
        var data = await workspace!.Warehouse.QueryAsync("SELECT * EXCLUDE (event_timestamp) FROM features.customer_features ORDER BY customer_id LIMIT 1", cancellationToken);
        var cache = new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time);
        var (served, _) = await cache.GetAsync("churn", workspace.Config.Serving.Alias, cancellationToken);
        var version = served!.Version.Version;
        var log = new PredictionLog(workspace.Services.GetRequiredService<PredictionWriter>(), Path.Combine(dir, "spool"));
        using var mirror = new ShadowMirror(cache, 16);
        using var plain = new ServingRouter(TimeProvider.System, seed: 1);
        using var canary = new ServingRouter(TimeProvider.System, seed: 1);

        // The candidate is the same version loaded as an exact version: what routing and scoring cost does not depend on
        // which model answers, and the quickstart registers one.
        var now = TimeProvider.System.GetUtcNow();
        var deployment = new Deployment(1, "churn", workspace.Config.Serving.Alias, version, version, [10, 100], 0, 10, TimeSpan.FromHours(1), false, DeploymentStatus.Active, "bench", now, now, null);
        await canary.ApplyAsync(deployment);
        var (plainRouting, canaryRouting) = (new DeploymentRouting(plain, cache, mirror), new DeploymentRouting(canary, cache, mirror));
        var entity = workspace.Config.Model.Entity;
        var sticky = new Dictionary<string, JsonElement> { [entity] = JsonSerializer.SerializeToElement("C0000042") };
        var withoutEntity = new TabularData(data.Columns.Where(c => !c.Name.Equals(entity, StringComparison.OrdinalIgnoreCase)).ToList());

        var phases = new (string Name, Func<ValueTask> Run)[]
        {
            ("route+score, none", async () => await plainRouting.ScoreAsync("churn", null, served, withoutEntity, entity, null, cancellationToken)),
            ("route+score, 10%", async () => await canaryRouting.ScoreAsync("churn", null, served, withoutEntity, entity, null, cancellationToken)),
            ("route+score, sticky", async () => await canaryRouting.ScoreAsync("churn", null, served, withoutEntity, entity, sticky, cancellationToken)),
            ("+log, none", async () => await OnlineScoring.ScoreAndLogAsync(plainRouting, "churn", null, null, served, withoutEntity, "r", entity, log, workspace.Time, Stopwatch.GetTimestamp(), cancellationToken)),
            ("+log, 10%", async () => await OnlineScoring.ScoreAndLogAsync(canaryRouting, "churn", null, null, served, withoutEntity, "r", entity, log, workspace.Time, Stopwatch.GetTimestamp(), cancellationToken)),
        };
        var n = quick ? 10_000 : 50_000;
        await FirstRequestsJitAsync(phases[3].Run, phases[4].Run, new DeploymentWarmup(cache, workspace.Config, TimeProvider.System, mirror, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), deployment, cancellationToken);
        await log.FlushAsync(cancellationToken);
        Console.WriteLine($"champion: {served.Engine.Package.Metadata.Trainer}; {n:N0} requests a round, a warm-up round then best of 5, phases interleaved; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        // Rounds interleave the phases, so warm-up and a machine that gets busier touch every phase alike.
        var best = new long[phases.Length];
        var bestCpu = new long[phases.Length];
        var alloc = new long[phases.Length];
        Array.Fill(best, long.MaxValue);
        Array.Fill(bestCpu, long.MaxValue);
        Array.Fill(alloc, long.MaxValue);
        for (var round = 0; round < 6; round++)
        {
            for (var p = 0; p < phases.Length; p++)
            {
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var c0 = ThreadCpuClock.Nanoseconds();
                var t0 = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    await phases[p].Run();
                }

                var (wall, cpu, bytes) = (Stopwatch.GetElapsedTime(t0).Ticks * 100 / n, (ThreadCpuClock.Nanoseconds() - c0) / n, (GC.GetAllocatedBytesForCurrentThread() - a0) / n);
                await log.FlushAsync(cancellationToken);
                if (round == 0)
                {
                    continue; // warm-up: tiered compilation, first loads
                }

                (best[p], bestCpu[p], alloc[p]) = (Math.Min(best[p], wall), Math.Min(bestCpu[p], cpu), Math.Min(alloc[p], bytes));
            }
        }

        for (var p = 0; p < phases.Length; p++)
        {
            Console.WriteLine($"{phases[p].Name,-22} {bestCpu[p],8} ns CPU/op {best[p],8} ns wall/op {alloc[p],8} B/op");
        }

        var route = canary.Current("churn")!;
        Console.WriteLine($"canary arms after the run: stable {route.Stable.Snapshot().Requests:N0}, candidate {route.Candidate.Snapshot().Requests:N0} requests");
        await log.FlushAsync(cancellationToken);
        Features.BenchProject.Delete(dir);
    }

    /// <summary>The JIT's work (methods compiled on this thread and on all, JIT time) during the first canary requests once the plain path is warm.</summary>
    private static async Task FirstRequestsJitAsync(Func<ValueTask> plain, Func<ValueTask> canary, DeploymentWarmup warmup, Deployment deployment, CancellationToken ct)
    {
        const int First = 2000;
        for (var i = 0; i < 5 * First; i++)
        {
            await plain();
        }

        var warm = Environment.GetEnvironmentVariable("CHURNOPS_BENCH_CANARY_WARMUP") != "0";
        if (warm)
        {
            var (thread, all, time) = (JitInfo.GetCompiledMethodCount(currentThread: true), JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
            var started = Stopwatch.GetTimestamp();
            await warmup.WarmAsync(deployment, ct);
            Console.WriteLine($"deployment warm-up: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms, {JitInfo.GetCompiledMethodCount(currentThread: true) - thread} methods JIT-compiled on this thread ({JitInfo.GetCompiledMethodCount() - all} in all), JIT time {(JitInfo.GetCompilationTime() - time).TotalMilliseconds:F1} ms");
        }

        var (thread0, all0, time0) = (JitInfo.GetCompiledMethodCount(currentThread: true), JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var t0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < First; i++)
        {
            await canary();
        }

        Console.WriteLine($"first {First} canary requests {(warm ? "after" : "WITHOUT")} the deployment warm-up: {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:F1} ms, {JitInfo.GetCompiledMethodCount(currentThread: true) - thread0} methods JIT-compiled on the request thread ({JitInfo.GetCompiledMethodCount() - all0} in all, tier-1 included), JIT time {(JitInfo.GetCompilationTime() - time0).TotalMilliseconds:F1} ms");
    }
}
