using System.Reflection;
using System.Runtime.CompilerServices;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>Classes are sealed, abstract or static (open for inheritance only on purpose). Compiler-made types are skipped.</summary>
internal static class SealedClasses
{
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types) =>
        [.. types
            .Where(type => type.IsClass && !type.IsSealed && !type.IsAbstract && !IsCompilerGenerated(type))
            .Select(type => type.FullName ?? type.Name)
            .Order(StringComparer.Ordinal)];

    private static bool IsCompilerGenerated(Type type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (current.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || current.Name.Contains('<', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
