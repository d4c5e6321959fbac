namespace ChurnOps.Bench;

/// <summary>
/// A load-style benchmark that measures a workload and its baseline side by side in one run and prints both and their
/// ratio. Used where BenchmarkDotNet's micro-benchmark loop does not fit (million-row pipelines, HTTP load).
/// </summary>
internal interface IBenchHarness
{
    /// <summary>The name given on the command line: dotnet run -c Release --project bench/ChurnOps.Bench -- NAME [--quick].</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(bool quick, CancellationToken cancellationToken);
}
