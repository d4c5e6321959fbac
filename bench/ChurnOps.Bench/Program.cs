using BenchmarkDotNet.Running;
using ChurnOps.Bench;

// `-- list` shows the harnesses; `-- NAME [--quick]` runs one; anything else goes to BenchmarkDotNet's switcher.
var harnesses = typeof(IBenchHarness).Assembly.GetTypes()
    .Where(t => typeof(IBenchHarness).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchHarness)Activator.CreateInstance(t)!)
    .OrderBy(h => h.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "list" or "--help")
{
    Console.WriteLine("harnesses (dotnet run -c Release --project bench/ChurnOps.Bench -- NAME [--quick]):");
    foreach (var harness in harnesses)
    {
        Console.WriteLine($"  {harness.Name,-24} {harness.Description}");
    }

    Console.WriteLine("BenchmarkDotNet classes: -- --filter '*'");
    return 0;
}

var chosen = harnesses.Find(h => h.Name == args[0]);
if (chosen is not null)
{
    await chosen.RunAsync(args.Contains("--quick"), CancellationToken.None);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(IBenchHarness).Assembly).Run(args);
return 0;
