namespace ChurnOps.Cli.Tests.Pipelines;

/// <summary>The pipelines the quickstart's project ships validate as written.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class QuickstartPipelinesTests(QuickstartFixture fixture)
{
    [Fact]
    public async Task Validate_QuickstartProject_Passes()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "pipelines", "validate");

        Assert.True(exit == 0, stderr);
        Assert.Equal("3 pipeline(s) valid: batch_scoring, customer_data, training", stdout.Trim());
    }
}
