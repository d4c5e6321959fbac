using System.Text.RegularExpressions;

namespace ChurnOps.Core.Warehouse;

/// <summary>Quotes names that go into SQL text; user-supplied names never reach SQL unquoted.</summary>
public static partial class SqlIdentifier
{
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Qualified(string schema, string table) => Quote(schema) + "." + Quote(table);

    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>True for plain names (letters, digits, underscore, not starting with a digit).</summary>
    public static bool IsPlain(string name) => PlainName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
