namespace ChurnOps.Core.Quality;

/// <summary>
/// Splits SQL (DuckDB / PostgreSQL dialect) into tokens so checks see keywords, not substrings: text inside string
/// literals, quoted identifiers, dollar-quoted strings and comments can never be mistaken for a keyword.
/// </summary>
public static class SqlTokenizer
{
    /// <summary>The tokens, or an error (an unterminated string, identifier or comment) with its line.</summary>
    public static (IReadOnlyList<SqlToken> Tokens, string? Error) Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            var startLine = line;
            var column = i - lineStart + 1;
            if (c == '\n')
            {
                i++;
                line++;
                lineStart = i;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && Peek(sql, i + 1) == '*')
            {
                // PostgreSQL and DuckDB nest block comments.
                var depth = 0;
                do
                {
                    if (sql[i] == '/' && Peek(sql, i + 1) == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (sql[i] == '*' && Peek(sql, i + 1) == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else
                    {
                        Advance(sql, ref i, ref line, ref lineStart);
                    }
                }
                while (depth > 0 && i < sql.Length);
                if (depth > 0)
                {
                    return (tokens, $"unterminated comment starting at line {startLine}");
                }

                continue;
            }

            if (c == '\'' || ((c is 'E' or 'e' or 'X' or 'x' or 'B' or 'b') && Peek(sql, i + 1) == '\''))
            {
                i += c == '\'' ? 0 : 1;
                if (!SkipQuoted(sql, ref i, ref line, ref lineStart, '\''))
                {
                    return (tokens, $"unterminated string literal starting at line {startLine}");
                }

                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], startLine, column));
                continue;
            }

            if (c == '"')
            {
                if (!SkipQuoted(sql, ref i, ref line, ref lineStart, '"'))
                {
                    return (tokens, $"unterminated quoted identifier starting at line {startLine}");
                }

                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, sql[(start + 1)..(i - 1)].Replace("\"\"", "\"", StringComparison.Ordinal), startLine, column));
                continue;
            }

            if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (end < 0)
                {
                    return (tokens, $"unterminated dollar-quoted string starting at line {startLine}");
                }

                while (i < end + tag.Length)
                {
                    Advance(sql, ref i, ref line, ref lineStart);
                }

                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], startLine, column));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], startLine, column));
                continue;
            }

            if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '.' or '_' || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], startLine, column));
                continue;
            }

            i++;
            tokens.Add(new SqlToken(c == ';' ? SqlTokenKind.Semicolon : SqlTokenKind.Symbol, c.ToString(), startLine, column));
        }

        return (tokens, null);
    }

    private static char Peek(string sql, int at) => at < sql.Length ? sql[at] : '\0';

    private static void Advance(string sql, ref int i, ref int line, ref int lineStart)
    {
        if (sql[i] == '\n')
        {
            line++;
            lineStart = i + 1;
        }

        i++;
    }

    /// <summary>Skips a quoted run where a doubled quote stands for one; false when it never closes.</summary>
    private static bool SkipQuoted(string sql, ref int i, ref int line, ref int lineStart, char quote)
    {
        i++;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                i++;
                return true;
            }

            Advance(sql, ref i, ref line, ref lineStart);
        }

        return false;
    }

    /// <summary>The tag of a dollar-quoted string ($$ or $name$) starting at <paramref name="at"/>, or null ($1 is a parameter).</summary>
    private static string? DollarTag(string sql, int at)
    {
        var end = at + 1;
        while (end < sql.Length && (char.IsLetter(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql[at..(end + 1)] : null;
    }
}
