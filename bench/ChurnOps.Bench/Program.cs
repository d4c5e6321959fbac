using ChurnOps.Bench.Features;

// Stopwatch harness: `dotnet run -c Release --project bench/ChurnOps.Bench -- <benchmark> [--quick]`.
var quick = args.Contains("--quick");
var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var benchmarks = new Dictionary<string, Func<bool, Task>>(StringComparer.OrdinalIgnoreCase)
{
    // Add benchmarks here, one line each.
    ["pit-join"] = PointInTimeJoinBenchmark.RunAsync,
    ["online-lookup"] = OnlineLookupBenchmark.RunAsync,
};

if (name == "all")
{
    foreach (var benchmark in benchmarks.Values)
    {
        await benchmark(quick);
    }

    return 0;
}

if (!benchmarks.TryGetValue(name, out var run))
{
    Console.Error.WriteLine($"error: unknown benchmark '{name}' (known: {string.Join(", ", benchmarks.Keys)})");
    return 1;
}

await run(quick);
return 0;
