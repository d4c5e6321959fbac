using System.Text.RegularExpressions;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// Translates the SQLite DDL of a migration to PostgreSQL, word by word and deterministically: integer keys become
/// 64-bit identity columns, INTEGER becomes BIGINT (SQLite integers are 64-bit), REAL becomes DOUBLE PRECISION, BLOB
/// becomes BYTEA, WITHOUT ROWID and -- comments disappear. Text inside quotes is left alone. Anything else SQLite-only is refused
/// so a migration never half-applies on one engine.
/// </summary>
public static partial class PostgresDdl
{
    public static string FromSqlite(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        // Only the words between quoted literals are rewritten; comments go (an apostrophe in one would open a literal).
        var result = new System.Text.StringBuilder(sql.Length + 64);
        var position = 0;
        foreach (Match token in LiteralOrComment().Matches(sql))
        {
            result.Append(TranslateWords(sql[position..token.Index]));
            if (token.Value[0] == '\'')
            {
                result.Append(token.Value);
            }

            position = token.Index + token.Length;
        }

        result.Append(TranslateWords(sql[position..]));
        return result.ToString();
    }

    private static string TranslateWords(string sql)
    {
        if (SqliteOnly().Match(IntegerKey().Replace(sql, string.Empty)) is { Success: true } unsupported)
        {
            throw new NotSupportedException($"migration DDL uses '{unsupported.Value}', which has no PostgreSQL translation: give the migration its own PostgreSql text");
        }

        sql = IntegerKey().Replace(sql, MetadataDialect.PostgreSql.IdentityColumn);
        sql = Integer().Replace(sql, "BIGINT");
        sql = Real().Replace(sql, "DOUBLE PRECISION");
        sql = Blob().Replace(sql, "BYTEA");
        return WithoutRowId().Replace(sql, string.Empty);
    }

    [GeneratedRegex("'(?:[^']|'')*'|--[^\n]*")]
    private static partial Regex LiteralOrComment();

    [GeneratedRegex(@"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerKey();

    [GeneratedRegex(@"\bINTEGER\b", RegexOptions.IgnoreCase)]
    private static partial Regex Integer();

    [GeneratedRegex(@"\bREAL\b", RegexOptions.IgnoreCase)]
    private static partial Regex Real();

    [GeneratedRegex(@"\bBLOB\b", RegexOptions.IgnoreCase)]
    private static partial Regex Blob();

    [GeneratedRegex(@"\s*\bWITHOUT\s+ROWID\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithoutRowId();

    [GeneratedRegex(@"\bPRAGMA\b|\bCOLLATE\s+NOCASE\b|\)\s*STRICT\b|\bINSERT\s+OR\s+\w+|\bCREATE\s+VIRTUAL\s+TABLE\b|\bAUTOINCREMENT\b|\b(unixepoch|strftime|julianday|datetime|json_\w+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex SqliteOnly();
}
