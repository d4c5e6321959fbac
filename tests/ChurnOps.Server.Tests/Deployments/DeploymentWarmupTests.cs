using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// The deployment warm-up: both arms loaded and the split's request path run once per process, before traffic; a
/// candidate that cannot load is left to its requests (never an exception here); and the arm is read back from the
/// answer's one deployment header.
/// </summary>
public sealed class DeploymentWarmupTests
{
    [Fact]
    public async Task WarmAsync_GoodCandidate_LoadsBothArms_RunsThePathOncePerProcess()
    {
        await using var server = await CanaryServer.StartAsync();
        var workspace = server.Workspace;
        var models = new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time);
        using var mirror = new ShadowMirror(models, 4);
        var warmup = new DeploymentWarmup(models, workspace.Config, workspace.Time, mirror, NullLogger.Instance);

        await warmup.WarmAsync(Deployment(1, CanaryServer.Good), CancellationToken.None);
        await warmup.WarmAsync(Deployment(2, CanaryServer.Inverted), CancellationToken.None);

        Assert.Equal(1, warmup.PathRuns);
        var (candidate, error) = await models.GetVersionAsync("churn", CanaryServer.Inverted, CancellationToken.None);
        Assert.True(candidate is not null, error);

        // The stable arm was loaded as the alias the requests are served by: one copy of version 1, not two.
        var (alias, _) = await models.GetAsync("churn", "champion", CancellationToken.None);
        var (stable, _) = await models.GetVersionAsync("churn", 1, CancellationToken.None);
        Assert.Same(alias, stable);
    }

    [Fact]
    public async Task WarmAsync_CandidateThatCannotLoad_NoExceptionAndNoPathRun()
    {
        await using var server = await CanaryServer.StartAsync();
        var workspace = server.Workspace;
        var models = new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time);
        using var mirror = new ShadowMirror(models, 4);
        var warmup = new DeploymentWarmup(models, workspace.Config, workspace.Time, mirror, NullLogger.Instance);

        await warmup.WarmAsync(Deployment(1, CanaryServer.Broken), CancellationToken.None);

        Assert.Equal(0, warmup.PathRuns);
        await warmup.WarmAsync(Deployment(2, CanaryServer.Good), CancellationToken.None);
        Assert.Equal(1, warmup.PathRuns);
    }

    [Theory]
    [InlineData("7/candidate", DeploymentArms.Candidate)]
    [InlineData("7/stable", DeploymentArms.Stable)]
    [InlineData("", DeploymentArms.Stable)]
    public void ArmOf_DeploymentHeader_NamesTheArm(string header, string arm) =>
        Assert.Equal(arm, DeploymentHeaders.ArmOf(header));

    private static Deployment Deployment(long id, int candidate)
    {
        var now = DateTimeOffset.UtcNow;
        return new Deployment(id, "churn", "champion", 1, candidate, [10, 100], 0, 10, TimeSpan.FromHours(1), false, DeploymentStatus.Active, "test", now, now, null);
    }
}
