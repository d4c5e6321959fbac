using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Tests.Projects;

public sealed class LoggingSettingsTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("Debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData(" error ", LogLevel.Error)]
    [InlineData("none", LogLevel.None)]
    public void TryParseLevel_KnownName_GivesTheLevel(string text, LogLevel expected)
    {
        Assert.True(LoggingSettings.TryParseLevel(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2")]
    public void TryParseLevel_UnknownName_IsRefused(string? text)
    {
        Assert.False(LoggingSettings.TryParseLevel(text, out _));
    }

    [Fact]
    public async Task Read_UnknownLoggingLevel_NamesTheKeyAndTheChoices()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("churnops.yaml");
        await File.WriteAllTextAsync(path, "project: churn\nlogging:\n  level: loud\n");

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(temp.Path, new Dictionary<string, string?>()));

        Assert.Null(config);
        Assert.Equal([$"{path}:3: logging.level: must be one of trace, debug, information, warning, error, critical, none (got 'loud')"], errors);
    }

    [Fact]
    public async Task Read_TemplateProject_LogsAtInformation()
    {
        using var temp = new TempDirectory();
        var written = await ProjectTemplate.WriteAsync(temp.Path, overwrite: false, CancellationToken.None);
        Assert.Null(written.Error);

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(temp.Path, new Dictionary<string, string?>()));

        Assert.Empty(errors);
        Assert.Equal(LogLevel.Information, config!.Logging.MinimumLevel);
    }
}
