using ChurnOps.Platform.Pipelines;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>Reading and validating pipeline files: every problem at once, each with its file and line.</summary>
public sealed class PipelineValidationTests
{
    private static readonly PipelineValidationContext Context = new(
        new Dictionary<string, IReadOnlyList<string>> { ["ingest"] = ["table", "files"], ["train"] = ["experiment"], ["features.build"] = [] },
        new HashSet<string> { "customers", "labels" },
        new HashSet<string> { "churn" });

    [Fact]
    public void Validate_MalformedYaml_ReportsTheLineAndNoPipeline()
    {
        var issues = Validate("""
            name: broken
            owner: t
            steps:
              - name: a
                run: [train
            """, out var parsed);

        Assert.Null(parsed.Definition);
        var issue = Assert.Single(issues);
        Assert.True(issue.IsError);
        Assert.StartsWith("pipelines/p.yaml:", issue.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", issue.Message, StringComparison.Ordinal);
        Assert.InRange(issue.Line, 5, 6);
    }

    [Fact]
    public void Validate_Cycle_NamesTheStepsInTheCycle()
    {
        var issues = Validate("""
            name: loop
            owner: t
            steps:
              - { name: a, run: train, needs: [c] }
              - { name: b, run: train, needs: [a] }
              - { name: c, run: train, needs: [b] }
            """, out _);

        var issue = Assert.Single(issues);
        Assert.Equal("pipelines/p.yaml:4: the steps' needs form a cycle: a -> c -> b -> a", issue.ToString());
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEveryOneWithItsLine()
    {
        var issues = Validate("""
            name: many
            owner: t
            schedule: "0 25 * * *"
            triggers:
              - event: data.customer.update
            steps:
              - name: load
                run: ingst
              - name: fit
                run: train
                args: { experiment: x, epochs: "3" }
                needs: [load, features]
                retry: { attempts: 0, backoff: soon }
                trigger_rule: sometimes
                colour: blue
            """, out _);

        var lines = issues.Select(i => i.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("pipelines/p.yaml:3: schedule: '0 25 * * *' is not a valid cron expression", StringComparison.Ordinal));
        Assert.Contains("pipelines/p.yaml:5: unknown trigger event 'data.customer.update' (events are data.<table>.updated, contract.<contract>.published, model.<model>.registered, drift.<model>.detected)", lines);
        Assert.Contains("pipelines/p.yaml:7: step 'load': unknown action 'ingst' (known: features.build, ingest, train; or use shell:)", lines);
        Assert.Contains("pipelines/p.yaml:9: step 'fit' needs unknown step 'features' (steps: load, fit)", lines);
        Assert.Contains("pipelines/p.yaml:9: step 'fit': action 'train' takes no argument 'epochs' (it takes: experiment)", lines);
        Assert.Contains(lines, l => l.StartsWith("pipelines/p.yaml:13: step 'fit': retry.attempts '0' must be a whole number from 1 to 100", StringComparison.Ordinal));
        Assert.Contains("pipelines/p.yaml:13: step 'fit': retry.backoff 'soon' is not a duration (e.g. 30s, 5m, 2h)", lines);
        Assert.Contains("pipelines/p.yaml:14: step 'fit': trigger_rule 'sometimes' is not one of all_success, all_done, one_failed", lines);
        Assert.Contains(lines, l => l.StartsWith("pipelines/p.yaml:15: unknown step key 'colour'", StringComparison.Ordinal));
        Assert.Equal(9, issues.Count);
        Assert.All(issues, i => Assert.True(i.IsError));
    }

    [Fact]
    public void Validate_KnownEventPatternForATableWithoutContract_IsAWarningNotAnError()
    {
        var issues = Validate("""
            name: p
            owner: t
            triggers:
              - event: data.orders.updated
              - event: drift.churn.detected
              - event: model.churn.registered
            steps: [{ name: a, run: train }]
            """, out _);

        var warning = Assert.Single(issues);
        Assert.False(warning.IsError);
        Assert.StartsWith("pipelines/p.yaml:4: warning: trigger event 'data.orders.updated': no contract in contracts/ describes table 'orders'", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutputOfAStepNotUpstream_IsAnError()
    {
        var issues = Validate("""
            name: p
            owner: t
            parameters: { experiment: nightly }
            steps:
              - { name: a, run: ingest, args: { table: customers } }
              - { name: b, run: features.build }
              - name: c
                run: train
                args: { experiment: "${steps.a.outputs.dataset_version}-${params.experiment}-${params.missing}" }
                needs: [b]
            """, out _);

        var lines = issues.Select(i => i.ToString()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("pipelines/p.yaml:7: step 'c': ${steps.a.outputs…} refers to a step it does not need (directly or through others)", lines);
        Assert.Contains("pipelines/p.yaml:7: step 'c': ${params.missing} names no parameter (parameters: experiment)", lines);
    }

    [Fact]
    public void Validate_ShapeErrors_RunAndShellBothOrNeither()
    {
        var issues = Validate("""
            name: "bad name!"
            steps:
              - { name: a, run: train, shell: "echo hi" }
              - { name: b }
            """, out _);

        var lines = issues.Select(i => i.ToString()).ToList();
        Assert.Contains("pipelines/p.yaml:1: name: 'bad name!' must be letters, digits, '_' or '-'", lines);
        Assert.Contains("pipelines/p.yaml:1: owner: is required", lines);
        Assert.Contains("pipelines/p.yaml:3: step 'a': give exactly one of run (a step action such as train) or shell (a command)", lines);
        Assert.Contains("pipelines/p.yaml:4: step 'b': give exactly one of run (a step action such as train) or shell (a command)", lines);
    }

    [Theory]
    [InlineData("@hourly", null)]
    [InlineData("@daily", null)]
    [InlineData("@weekly", null)]
    [InlineData("*/15 6-18 * * 1-5", "Europe/Berlin")]
    public void Validate_GoodSchedules_HaveNoIssues(string schedule, string? timeZone)
    {
        var issues = Validate($$"""
            name: p
            owner: t
            schedule: "{{schedule}}"
            {{(timeZone is null ? string.Empty : "timezone: " + timeZone)}}
            steps: [{ name: a, run: train }]
            """, out var parsed);

        Assert.Empty(issues);
        Assert.Equal(schedule, parsed.Definition!.Schedule);
    }

    [Theory]
    [InlineData("@sometimes", null, "schedule: '@sometimes' is not a schedule")]
    [InlineData("0 6 * *", null, "schedule: '0 6 * *' is not a valid cron expression")]
    [InlineData("0 6 * * *", "Mars/Olympus", "timezone: 'Mars/Olympus' is not a time zone")]
    public void Validate_BadSchedules_AreErrors(string schedule, string? timeZone, string expected)
    {
        var issues = Validate($$"""
            name: p
            owner: t
            schedule: "{{schedule}}"
            {{(timeZone is null ? string.Empty : "timezone: " + timeZone)}}
            steps: [{ name: a, run: train }]
            """, out _);

        Assert.StartsWith(expected, Assert.Single(issues).Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<PipelineIssue> Validate(string yaml, out ParsedPipeline parsed)
    {
        parsed = PipelineFileReader.Read("pipelines/p.yaml", yaml);
        return PipelineValidator.Validate(parsed, Context);
    }
}
