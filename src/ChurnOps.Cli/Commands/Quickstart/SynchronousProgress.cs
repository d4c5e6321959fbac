namespace ChurnOps.Cli.Commands.Quickstart;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which reorders stage updates).</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
