using System.Text.RegularExpressions;

namespace ChurnOps.Core.Quality;

/// <summary>
/// Fills the placeholders of an ODCS sql quality query: <c>${object}</c> (ODCS) and <c>{object}</c>, <c>{table}</c>,
/// <c>{model}</c> (Data Contract CLI) become the quoted table; <c>${property}</c>, <c>{property}</c>, <c>{column}</c>,
/// <c>{field}</c> become the quoted column of a column-level rule.
/// </summary>
public static partial class SqlQualityPlaceholders
{
    /// <summary>The query with its placeholders filled, or an error naming a placeholder that has no value here.</summary>
    public static (string Sql, string? Error) Expand(string query, string quotedTable, string? quotedColumn)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? error = null;
        var sql = Placeholder().Replace(query, m =>
        {
            var name = m.Groups["name"].Value.ToLowerInvariant();
            if (name is "object" or "table" or "model")
            {
                return quotedTable;
            }

            if (quotedColumn is not null)
            {
                return quotedColumn;
            }

            error ??= $"{m.Value} has no value in a table-level rule; move the rule under a property or name the column";
            return m.Value;
        });
        return (sql, error);
    }

    [GeneratedRegex(@"\$?\{(?<name>object|table|model|property|column|field)\}", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
