using System.Reflection;
using ChurnOps.Core.Data;

namespace ChurnOps.Core.Tests.Architecture;

public sealed class CoreDependencyTests
{
    private static readonly string[] Forbidden =
    [
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.ML", "DuckDB", "Microsoft.Data.Sqlite", "Npgsql",
        "ChurnOps.Storage", "ChurnOps.Training", "ChurnOps.Platform", "ChurnOps.Server", "ChurnOps.Cli",
    ];

    [Fact]
    public void CoreAssembly_References_NoInfrastructure()
    {
        var core = typeof(TabularData).Assembly;
        var offending = core.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void CoreAssembly_ReferencesItself_AndTheFramework()
    {
        // Guards the test above against passing vacuously on an empty reference list.
        var references = typeof(TabularData).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("System.Runtime", references);
    }
}
