namespace ChurnOps.Cli.Tests;

/// <summary>
/// Tests that each start from their own fresh copy of the reference project: xunit makes one instance per test, so every
/// test writes its own <see cref="Project"/> before it runs and deletes it after.
/// </summary>
public abstract class TemplateProjectTests : IAsyncLifetime
{
    private protected TemplateProjectDirectory Project { get; } = new();

    public Task InitializeAsync() => Project.WriteAsync();

    public Task DisposeAsync()
    {
        Project.Delete();
        return Task.CompletedTask;
    }
}
