using ChurnOps.Core.Deployments;

namespace ChurnOps.Core.Tests.Deployments;

public sealed class DeploymentPlanTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Create_CanaryOnly_CanaryThenTheDefaultStepsAboveIt()
    {
        var (plan, errors) = DeploymentPlan.Create(20, null, null, false, null, FiveMinutes);

        Assert.Empty(errors);
        Assert.Equal([20, 25, 50, 100], plan!.Steps);
        Assert.Equal(FiveMinutes, plan.Interval);
    }

    [Fact]
    public void Create_EverythingWrong_EveryProblemReported()
    {
        var (plan, errors) = DeploymentPlan.Create(5, [10, 5, 100], "7 days", false, (50, 40), FiveMinutes);

        Assert.Null(plan);
        Assert.Equal(
            [
                "steps: 10,5,100: weights must rise step by step",
                "canary: 5% does not match the first step 10%",
                "weights: stable 50 + candidate 40 = 90; the arms' weights must add up to 100",
                "interval: '7 days' is not a duration (e.g. 30s, 5m, 1h)",
            ],
            errors);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    public void ParseInterval_Durations_Seconds(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeploymentPlan.ParseInterval(text).Interval);

    [Theory]
    [InlineData("0s")]
    [InlineData("8d")]
    [InlineData("99999999999999h")]
    [InlineData("")]
    public void ParseInterval_OutOfRangeOrNotADuration_Error(string text) =>
        Assert.NotNull(DeploymentPlan.ParseInterval(text).Error);

    [Fact]
    public void Create_StartAtHundredWithoutShadow_Refused() =>
        Assert.Contains("steps: a canary must start below 100% (use the serving alias to switch at once)", DeploymentPlan.Create(null, [100], null, false, null, FiveMinutes).Errors);
}
