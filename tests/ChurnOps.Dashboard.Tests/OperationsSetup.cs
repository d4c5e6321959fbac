using System.Runtime.CompilerServices;

namespace ChurnOps.Dashboard.Tests;

/// <summary>
/// Adds <see cref="OperationsDemo"/>'s data (a pending version, a canary, a pipeline run, two alerts) to the shared
/// quickstart project once per fixture, the first time an operations test asks for it.
/// </summary>
internal static class OperationsSetup
{
    private static readonly ConditionalWeakTable<DashboardFixture, Lazy<Task<OperationsData>>> Done = [];

    public static Task<OperationsData> EnsureAsync(DashboardFixture fixture) =>
        Done.GetValue(fixture, f => new Lazy<Task<OperationsData>>(() => OperationsDemo.AddAsync(f.Workspace))).Value;
}
