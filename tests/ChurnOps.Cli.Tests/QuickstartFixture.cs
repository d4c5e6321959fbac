using ChurnOps.Platform.Quickstart;

namespace ChurnOps.Cli.Tests;

/// <summary>One real quickstart (2,000 customers) run twice on one directory and shared by the end-to-end tests.</summary>
public sealed class QuickstartFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string ProjectDir => _temp.Sub("project");

    /// <summary>The first run on an empty directory.</summary>
    public QuickstartSummary Summary { get; private set; } = null!;

    /// <summary>A second run on the same directory (re-running must be safe and add versions).</summary>
    public QuickstartSummary Rerun { get; private set; } = null!;

    public static DateTimeOffset AsOf { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var (summary, error) = await new QuickstartRunner(TimeProvider.System)
            .RunAsync(new QuickstartOptions(ProjectDir, 2000, 42, AsOf, "tester"), null, CancellationToken.None);
        Summary = summary ?? throw new InvalidOperationException("quickstart failed: " + error);
        (summary, error) = await new QuickstartRunner(TimeProvider.System)
            .RunAsync(new QuickstartOptions(ProjectDir, 2000, 42, AsOf, "tester"), null, CancellationToken.None);
        Rerun = summary ?? throw new InvalidOperationException("quickstart re-run failed: " + error);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
