namespace ChurnOps.Core.Quality;

/// <summary>
/// The static check on SQL that comes from a contract file before it reaches the warehouse: exactly one SELECT (or
/// WITH … SELECT) statement, no statement keyword that writes or changes the session, no table function that reads
/// files or the network, and no file path used as a table. It works on tokens, so a keyword inside a string, a quoted
/// name or a comment is not a keyword. The warehouse adds its own check on its parser's tree and runs the query
/// where it cannot write; this check is what <c>contract lint</c> reports without a warehouse.
/// </summary>
public static class ReadOnlySqlGuard
{
    /// <summary>Words that start or are part of statements other than a query.</summary>
    private static readonly HashSet<string> ForbiddenKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "INTO", "CREATE", "DROP", "ALTER", "TRUNCATE",
        "ATTACH", "DETACH", "COPY", "PRAGMA", "INSTALL", "LOAD", "SET", "RESET", "CALL", "EXPORT", "IMPORT", "VACUUM",
        "CHECKPOINT", "USE", "GRANT", "REVOKE", "BEGIN", "COMMIT", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE",
        "EXECUTE", "DEALLOCATE", "LOCK", "LISTEN", "NOTIFY", "REFRESH", "CLUSTER", "REINDEX",
    };

    /// <summary>Functions that read files or the network, run other SQL, or change state (sequences, settings).</summary>
    private static readonly HashSet<string> ForbiddenFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "glob", "sniff_csv", "parquet_scan", "parquet_metadata", "parquet_schema", "parquet_file_metadata", "parquet_kv_metadata",
        "iceberg_scan", "iceberg_metadata", "iceberg_snapshots", "delta_scan", "st_read", "query", "query_table",
        "json_execute_serialized_sql", "nextval", "setval", "getenv", "set_config", "pg_read_file", "pg_read_binary_file",
        "pg_ls_dir", "lo_import", "lo_export", "dblink", "load_extension", "httpfs", "http_get", "http_post",
    };

    /// <summary>Every problem, each with its line in the query; empty when the query may run.</summary>
    public static IReadOnlyList<SqlProblem> Check(string sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return [new SqlProblem(0, "the query is empty")];
        }

        var (tokens, error) = SqlTokenizer.Tokenize(sql);
        if (error is not null)
        {
            return [new SqlProblem(0, error)];
        }

        var problems = new List<SqlProblem>();
        var semicolon = tokens.Select((t, i) => t.Kind == SqlTokenKind.Semicolon ? i : -1).FirstOrDefault(i => i >= 0, -1);
        if (semicolon >= 0 && tokens.Skip(semicolon + 1).Any(t => t.Kind != SqlTokenKind.Semicolon))
        {
            var next = tokens.Skip(semicolon + 1).First(t => t.Kind != SqlTokenKind.Semicolon);
            problems.Add(new SqlProblem(next.Line, $"only one statement is allowed, but ';' at line {tokens[semicolon].Line} is followed by '{next.Text}' at line {next.Line}"));
        }

        var first = tokens.FirstOrDefault(t => !t.IsSymbol('('));
        if (first is null)
        {
            return [new SqlProblem(0, "the query has no statement")];
        }

        if (!first.Is("SELECT") && !first.Is("WITH"))
        {
            problems.Add(new SqlProblem(first.Line, $"only a SELECT or WITH query is allowed, not '{first.Text}' (line {first.Line})"));
        }

        // The clause each parenthesis depth is in, so a comma-separated FROM list is recognised.
        var clause = new Stack<string>();
        clause.Push(string.Empty);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var previous = i > 0 ? tokens[i - 1] : null;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (t.IsSymbol('('))
            {
                clause.Push(string.Empty);
                continue;
            }

            if (t.IsSymbol(')'))
            {
                if (clause.Count > 1)
                {
                    clause.Pop();
                }

                continue;
            }

            if (t.Kind == SqlTokenKind.Word)
            {
                if (ForbiddenKeywords.Contains(t.Text) && previous?.IsSymbol('.') != true)
                {
                    problems.Add(new SqlProblem(t.Line, $"'{t.Text.ToUpperInvariant()}' is not allowed in a quality query (line {t.Line}); only a read-only SELECT may run (quote a column with that name)"));
                }
                else if (next?.IsSymbol('(') == true && IsForbiddenFunction(t.Text))
                {
                    problems.Add(new SqlProblem(t.Line, $"function '{t.Text}' is not allowed in a quality query (line {t.Line}): it reads files, the network or other SQL, or changes state"));
                }

                if (t.Is("FROM") || t.Is("JOIN") || t.Is("WHERE") || t.Is("SELECT") || t.Is("GROUP") || t.Is("HAVING") || t.Is("ORDER")
                    || t.Is("LIMIT") || t.Is("ON") || t.Is("USING") || t.Is("QUALIFY") || t.Is("WINDOW") || t.Is("UNION") || t.Is("EXCEPT") || t.Is("INTERSECT"))
                {
                    clause.Pop();
                    clause.Push(t.Text.ToUpperInvariant());
                }

                continue;
            }

            var inTableList = previous is not null && (previous.Is("FROM") || previous.Is("JOIN") || (previous.IsSymbol(',') && clause.Peek() == "FROM"));
            if (inTableList && (t.Kind == SqlTokenKind.String || (t.Kind == SqlTokenKind.QuotedIdentifier && LooksLikePath(t.Text))))
            {
                problems.Add(new SqlProblem(t.Line, $"reading a file as a table ({t.Text}) is not allowed in a quality query (line {t.Line}); name a warehouse table"));
            }
        }

        return problems;
    }

    /// <summary>True for a function a quality query may not call (file, network and SQL-running functions, sequences).</summary>
    public static bool IsForbiddenFunction(string name) =>
        ForbiddenFunctions.Contains(name)
        || name.StartsWith("read_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("pragma_", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_scan", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_query", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_attach", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikePath(string name) => name.IndexOfAny(['/', '\\', '.', ':', '*']) >= 0;
}
