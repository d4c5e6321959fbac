using ChurnOps.Platform.Projects;
using ChurnOps.Testing;

namespace ChurnOps.Platform.Tests.Projects;

/// <summary>churnops.yaml plus CHURNOPS__* variables: overrides, and every problem at once with where it came from.</summary>
public sealed class ChurnOpsConfigurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_EnvironmentVariables_OverrideTheYaml()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var environment = new Dictionary<string, string?>
        {
            ["CHURNOPS__SERVING__PORT"] = "6123",
            ["churnops__serving__max_request_bytes"] = "1024",
            ["CHURNOPS__TEAMS__0__WEBHOOK"] = "https://hooks.example.com/de",
            ["CHURNOPS__GATES__MIN_RECALL"] = "0.25",
            ["OTHER__SERVING__PORT"] = "1",
        };

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, environment));

        Assert.Empty(errors);
        Assert.Equal(6123, config!.Serving.Port);
        Assert.Equal(1024, config.Serving.MaxRequestBytes);
        Assert.Equal("https://hooks.example.com/de", config.Teams[0].Webhook);
        Assert.Equal("data-engineering", config.Teams[0].Name);
        Assert.Equal(["lightgbm", "fasttree", "logreg"], config.Model.Trainers);
        Assert.Empty(config.Model.Exclude);
        Assert.Equal(0.70, config.Gates["min_auc"]);
        Assert.Equal(0.25, config.Gates["min_recall"]);
        Assert.Equal(3, config.Gates.Count);
    }

    [Fact]
    public async Task Read_BadValuesInYamlAndEnvironment_ListsEveryProblemOneLineEachWithItsSource()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var file = Path.Combine(_temp.Path, "churnops.yaml");
        var yaml = (await File.ReadAllTextAsync(file))
            .Replace("  seed: 42", "  seed: forty-two", StringComparison.Ordinal)
            .Replace("  min_recall: 0.20", "  min_recall: low", StringComparison.Ordinal)
            .Replace("  pool_size: 64", "  pool_size: 64\n  prot: 1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, yaml);
        var environment = new Dictionary<string, string?> { ["CHURNOPS__SERVING__MAX_REQUEST_BYTES"] = "4MB" };

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, environment));

        Assert.Null(config);
        Assert.Equal(4, errors.Count);
        Assert.Contains($"{file}:12: model.seed: 'forty-two' is not a whole number", errors);
        Assert.Contains($"{file}:18: gates.min_recall: 'low' is not a number", errors);
        Assert.Contains(errors, e => e.StartsWith($"{file}:39: serving.prot: unknown setting", StringComparison.Ordinal));
        Assert.Contains("CHURNOPS__SERVING__MAX_REQUEST_BYTES: serving.max_request_bytes: '4MB' is not a whole number", errors);
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
    }

    [Fact]
    public async Task Read_ValuesOfTheRightTypeOutOfRange_NamesTheYamlLineAndTheVariable()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var file = Path.Combine(_temp.Path, "churnops.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("  trainers: [lightgbm, fasttree, logreg]", "  trainers: []", StringComparison.Ordinal));
        var environment = new Dictionary<string, string?> { ["CHURNOPS__SERVING__PORT"] = "70000" };

        var (_, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, environment));

        Assert.Equal(
            [$"{file}:11: model.trainers: name at least one trainer", "CHURNOPS__SERVING__PORT: serving.port: must be between 0 and 65535"],
            errors);
    }

    [Fact]
    public async Task Read_LabelsSourceNotSchemaTable_NamesTheYamlLine()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var file = Path.Combine(_temp.Path, "churnops.yaml");
        var yaml = (await File.ReadAllTextAsync(file)).Replace("  label_time: event_timestamp", "  label_time: \"label time\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, yaml);
        var environment = new Dictionary<string, string?> { ["CHURNOPS__MODEL__LABELS"] = "labels" };

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, environment));

        Assert.Null(config);
        Assert.Equal(
            ["CHURNOPS__MODEL__LABELS: model.labels: 'labels' must be schema.table (e.g. staging.labels)", $"{file}:9: model.label_time: 'label time' must be a column name (letters, digits, _)"],
            errors);
    }

    [Fact]
    public async Task Read_YamlThatDoesNotParse_ReportsLineAndColumnAndTheEnvironmentProblemsToo()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var file = Path.Combine(_temp.Path, "churnops.yaml");
        await File.WriteAllTextAsync(file, "project: churn\nmodel: [unclosed\n");
        var environment = new Dictionary<string, string?> { ["CHURNOPS__SERVING__POOL_SIZE"] = "many" };

        var (_, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, environment));

        Assert.Equal(2, errors.Count);
        Assert.StartsWith($"{file}:", errors[0], StringComparison.Ordinal);
        Assert.Equal("CHURNOPS__SERVING__POOL_SIZE: serving.pool_size: 'many' is not a whole number", errors[1]);
    }

    [Fact]
    public void Read_NoConfigFile_OneLineSayingToRunInit()
    {
        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, new Dictionary<string, string?>()));

        Assert.Null(config);
        Assert.Equal([$"{Path.Combine(_temp.Path, "churnops.yaml")}: not found (run 'churnops init' to create a project)"], errors);
    }
}
