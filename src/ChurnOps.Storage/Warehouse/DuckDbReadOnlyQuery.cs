using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Quality;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Measures a contract's sql quality query on DuckDB. Three layers: the token check (<see cref="ReadOnlySqlGuard"/>);
/// DuckDB's own parser (<c>json_serialize_sql</c>, which serialises SELECT statements only) whose tree must hold one
/// statement, no table function but range/generate_series/unnest, no forbidden function, and only tables that exist
/// (so a file path used as a table, which DuckDB would scan, is refused); then the query runs in the caller's
/// transaction. DuckDB's <c>enable_external_access</c> is database-wide (it cannot be set per connection), so it is
/// not used: it would also stop ingestion reading files in the same process.
/// </summary>
public static class DuckDbReadOnlyQuery
{
    private static readonly HashSet<string> AllowedTableFunctions = new(StringComparer.OrdinalIgnoreCase) { "range", "generate_series", "unnest" };

    /// <summary>How long a quality query may run before it is interrupted (a cross join by mistake must not stall a load).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<NumberQueryResult> MeasureAsync(DuckDBConnection connection, DuckDBTransaction? transaction, string sql, CancellationToken ct, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        var problems = ReadOnlySqlGuard.Check(sql);
        if (problems.Count > 0)
        {
            return NumberQueryResult.Failed("query refused: " + string.Join("; ", problems));
        }

        var refused = await CheckTreeAsync(connection, transaction, sql.Trim().TrimEnd(';'), ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return NumberQueryResult.Failed(refused);
        }

        var limit = timeout ?? DefaultTimeout;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        await using var interrupt = deadline.Token.Register(command.Cancel);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await NumberQueryReader.ReadAsync(reader, ct).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            return NumberQueryResult.Failed("the query failed: " + DuckDbMessage.FirstLine(ex.Message));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return NumberQueryResult.Failed($"the query ran longer than {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and was stopped");
        }
    }

    /// <summary>Null when DuckDB's parse tree is one plain query over existing tables; otherwise why not.</summary>
    private static async Task<string?> CheckTreeAsync(DuckDBConnection connection, DuckDBTransaction? transaction, string sql, CancellationToken ct)
    {
        string json;
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT json_serialize_sql(" + SqlIdentifier.Literal(sql) + ")";
            json = Convert.ToString(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
        }
        catch (DuckDBException ex)
        {
            return "the query could not be checked: " + DuckDbMessage.FirstLine(ex.Message);
        }

        using var tree = JsonDocument.Parse(json);
        var root = tree.RootElement;
        if (root.TryGetProperty("error", out var failed) && failed.ValueKind == JsonValueKind.True)
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : "unknown error";
            return message is not null && message.Contains("Only SELECT", StringComparison.Ordinal)
                ? "query refused: only a SELECT statement may run"
                : "the query is not valid SQL: " + DuckDbMessage.FirstLine(message ?? string.Empty);
        }

        if (!root.TryGetProperty("statements", out var statements) || statements.GetArrayLength() != 1)
        {
            return "query refused: exactly one statement is allowed";
        }

        var tables = new List<(string Catalog, string Schema, string Name)>();
        var ctes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        Walk(statements[0], tables, ctes, problems);
        foreach (var (catalog, schema, name) in tables.Distinct())
        {
            if (catalog.Length > 0)
            {
                problems.Add($"table {catalog}.{schema}.{name} names another database; only this warehouse's tables may be read");
            }
            else if (!(schema.Length == 0 && ctes.Contains(name)) && !await TableExistsAsync(connection, transaction, schema, name, ct).ConfigureAwait(false))
            {
                problems.Add($"table {(schema.Length == 0 ? name : schema + "." + name)} does not exist in the warehouse (file paths cannot be read as tables)");
            }
        }

        return problems.Count == 0 ? null : "query refused: " + string.Join("; ", problems.Distinct());
    }

    /// <summary>Collects every table reference, CTE name and refused function anywhere in the tree (subqueries included).</summary>
    private static void Walk(JsonElement node, List<(string, string, string)> tables, HashSet<string> ctes, List<string> problems)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, tables, ctes, problems);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "BASE_TABLE")
        {
            tables.Add((Text(node, "catalog_name"), Text(node, "schema_name"), Text(node, "table_name")));
        }
        else if (type == "TABLE_FUNCTION" && node.TryGetProperty("function", out var function))
        {
            var name = Text(function, "function_name");
            if (!AllowedTableFunctions.Contains(name))
            {
                problems.Add($"table function '{name}' is not allowed (only range, generate_series and unnest)");
            }
        }

        if (node.TryGetProperty("class", out var c) && c.GetString() == "FUNCTION" && Text(node, "function_name") is { Length: > 0 } fn
            && ReadOnlySqlGuard.IsForbiddenFunction(fn))
        {
            problems.Add($"function '{fn}' is not allowed");
        }

        if (node.TryGetProperty("cte_map", out var cteMap) && cteMap.TryGetProperty("map", out var map) && map.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in map.EnumerateArray())
            {
                if (entry.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                {
                    ctes.Add(key.GetString()!);
                }
            }
        }

        foreach (var property in node.EnumerateObject())
        {
            Walk(property.Value, tables, ctes, problems);
        }
    }

    private static async Task<bool> TableExistsAsync(DuckDBConnection connection, DuckDBTransaction? transaction, string schema, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var inSchema = schema.Length == 0 ? "table_schema = current_schema()" : "lower(table_schema) = lower(" + SqlIdentifier.Literal(schema) + ")";
        command.CommandText = $"SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() AND {inSchema} AND lower(table_name) = lower({SqlIdentifier.Literal(name)})";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    private static string Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

}
