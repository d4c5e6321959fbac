using System.Globalization;
using System.Text.RegularExpressions;

namespace ChurnOps.Server.Tests.Dashboard;

/// <summary>
/// The Models, Deployments, Monitoring, Alerts and Pipelines pages over plain HTTP on a real server: each answers HTML in
/// the layout with its JSON twin linked (and the twin answers), shows the fixture's data encoded, and a missing model,
/// version, deployment, pipeline or run (or a bad query) is a friendly page with the right status, never a stack trace.
/// </summary>
public sealed partial class OperationsPagesTests(OperationsServerFixture server) : IClassFixture<OperationsServerFixture>
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/ui/models", "Models", ">churn</a>" },
        { "/ui/models/churn", "Model churn", "pending_approval" },
        { "/ui/models/churn/versions/1", "churn v1", "Model card" },
        { "/ui/deployments", "Deployments", "candidate 25%" },
        { "/ui/monitoring", "Monitoring · churn", "Drift in the latest 1d" },
        { "/ui/monitoring?model=churn&window=12h&windows=4", "Monitoring · churn", "Estimated and realised performance" },
        { "/ui/alerts", "Alerts", "mlops-team · " },
        { "/ui/alerts?status=all&team=data-engineering", "Alerts", "freshness SLA 24h" },
        { "/ui/pipelines", "Pipelines", ">hello</a>" },
        { "/ui/pipelines/hello", "Pipeline hello", "<svg class=\"chart chain graph\"" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Get_AnswersHtmlInTheLayoutWithAWorkingJsonTwin(string path, string title, string content)
    {
        var (status, html, type) = await server.GetAsync(path);

        Assert.Equal(200, status);
        Assert.Equal("text/html", type);
        Assert.Contains($"<title>{title} · ChurnOps</title>", html, StringComparison.Ordinal);
        Assert.Contains(content, html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\"", html, StringComparison.Ordinal);
        var twin = TwinLink().Match(html);
        Assert.True(twin.Success, "no JSON twin linked");
        var (twinStatus, _, twinType) = await server.GetAsync(System.Net.WebUtility.HtmlDecode(twin.Groups[1].Value));
        Assert.Equal(200, twinStatus);
        Assert.Equal("application/json", twinType);
    }

    [Fact]
    public async Task VersionPage_CanaryVersion_DrawsLineageToItsDeploymentAndOffersNoSecondApproval()
    {
        var (status, html, _) = await server.GetAsync($"/ui/models/churn/versions/{server.Data.CanaryVersion}");

        Assert.Equal(200, status);
        Assert.Contains($"href=\"/ui/deployments/{server.Deployment}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-node=\"training-set\"", html, StringComparison.Ordinal);
        Assert.Contains("Approval: already approved.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/approve\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPage_PendingVersion_OffersApproveAndRejectThroughTheApi()
    {
        var (_, html, _) = await server.GetAsync($"/ui/models/churn/versions/{server.Data.PendingVersion}");

        // Another test may approve it first; then the page says so instead of offering the buttons.
        var path = $"/api/v1/models/churn/versions/{server.Data.PendingVersion}";
        if (html.Contains("Approval: already approved.", StringComparison.Ordinal))
        {
            Assert.DoesNotContain($"{path}/approve", html, StringComparison.Ordinal);
            return;
        }

        Assert.Contains($"data-action=\"{path}/approve\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-action=\"{path}/reject\"", html, StringComparison.Ordinal);
        Assert.Contains("four eyes: tester, who trained it, cannot approve it", html, StringComparison.Ordinal);
        Assert.Contains("value=\"mlops-team\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentPage_Canary_ShowsTheSplitStepsAndActions()
    {
        var (status, html, _) = await server.GetAsync($"/ui/deployments/{server.Deployment}");

        Assert.Equal(200, status);
        Assert.Contains("Traffic split now", html, StringComparison.Ordinal);
        Assert.Contains(">started · step 1 → candidate at 10%", html, StringComparison.Ordinal);
        Assert.Contains(">passed · step 1 → candidate at 25%", html, StringComparison.Ordinal);
        Assert.Contains("Score distribution at step 1", html, StringComparison.Ordinal);
        Assert.Contains(">score_psi</th>", html, StringComparison.Ordinal);
        // Open until the rollback test closes it; either way the page shows the state it is in.
        Assert.True(html.Contains($"data-action=\"/api/v1/deployments/{server.Deployment}/rollback\"", StringComparison.Ordinal) || html.Contains("This deployment is over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunPage_PipelineRun_ColoursTheDagAndShowsEachStepLogEncoded()
    {
        var (status, html, _) = await server.GetAsync($"/ui/pipelines/runs/{server.Data.PipelineRun}");

        Assert.Equal(200, status);
        Assert.Contains($"hello from run {server.Data.PipelineRun.ToString(CultureInfo.InvariantCulture)}", html, StringComparison.Ordinal);
        Assert.Contains("report &lt;b&gt;not bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>not bold</b>", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "class=\"node ok\""));
        Assert.Contains("id=\"step-report\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsPage_AlertMessageWithMarkup_IsEncodedAndGroupedByTeam()
    {
        var (_, html, _) = await server.GetAsync("/ui/alerts?status=all");

        Assert.Contains("(region, &lt;script&gt;age&lt;/script&gt;)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>age", html, StringComparison.Ordinal);
        Assert.Contains("id=\"team-mlops-team\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"team-data-engineering\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/models/nope", 404, "There is no registered model &#x27;nope&#x27;.")]
    [InlineData("/ui/models/churn/versions/99", 404, "model &#x27;churn&#x27; has no version 99.")]
    [InlineData("/ui/models/churn/versions/latest", 404, "is not a version number")]
    [InlineData("/ui/models/%3Cscript%3E/versions/1", 404, "no registered model &#x27;&lt;script&gt;&#x27;")]
    [InlineData("/ui/deployments/99999", 404, "There is no deployment 99999.")]
    [InlineData("/ui/deployments/first", 404, "is not a deployment id")]
    [InlineData("/ui/pipelines/nope", 404, "There is no valid pipeline &#x27;nope&#x27;")]
    [InlineData("/ui/pipelines/runs/99999", 404, "There is no pipeline run &#x27;99999&#x27;.")]
    [InlineData("/ui/monitoring?model=nope", 404, "no registered model &#x27;nope&#x27;")]
    [InlineData("/ui/monitoring?window=soon", 400, "is not a duration")]
    [InlineData("/ui/monitoring?windows=many", 400, "is not a whole number")]
    [InlineData("/ui/alerts?status=snoozed", 400, "is not a filter")]
    public async Task Page_MissingOrBadInput_IsAFriendlyPageWithTheRightStatus(string path, int expected, string message)
    {
        var (status, html, type) = await server.GetAsync(path);

        Assert.Equal(expected, status);
        Assert.Equal("text/html", type);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<link rel=\"alternate\" type=\"application/json\" href=\"([^\"]+)\"")]
    private static partial Regex TwinLink();
}
