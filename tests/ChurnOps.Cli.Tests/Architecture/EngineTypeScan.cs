using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// Reads a built assembly's metadata (its own type definitions and every type its IL, signatures and attributes
/// reference) and reports the names of database-engine types: DuckDB, SQLite or Npgsql, whether the provider's own
/// types or ChurnOps.Storage's engine-specific ones (DuckDbWarehouse, SqliteMetadataDatabase…). Platform must reach
/// storage only through Core's interfaces and Storage's engine-neutral types.
/// </summary>
internal static partial class EngineTypeScan
{
    /// <summary>Distinct "Namespace.Type" names that name an engine, sorted.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<string> typeNames) =>
        [.. typeNames.Where(name => Engine().IsMatch(name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every type name the assembly at <paramref name="path"/> defines or references.</summary>
    public static IReadOnlyList<string> TypeNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            names.Add(Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name)));
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            names.Add(Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name)));
        }

        return names;
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    [GeneratedRegex("duckdb|sqlite|npgsql", RegexOptions.IgnoreCase)]
    private static partial Regex Engine();
}
