using Npgsql;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// Reads a PostgreSQL location as people write it: <c>postgresql://user:pass@host:port/db?sslmode=require</c> (or
/// <c>postgres://</c>), or an Npgsql connection string (<c>Host=…;Database=…</c>).
/// </summary>
public static class PostgresLocation
{
    public static bool IsPostgres(string? location) =>
        location is not null
        && (location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("host=", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string; <see cref="FormatException"/> with a message that never echoes the password.</summary>
    public static string ToConnectionString(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!location.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(location).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"storage.metadata is not a valid PostgreSQL connection string ({ex.Message.Split('\n')[0]})", ex);
            }
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || (uri.Scheme != "postgresql" && uri.Scheme != "postgres")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("storage.metadata must look like postgresql://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException)
            {
                throw new FormatException($"storage.metadata: unknown PostgreSQL option '{key}'");
            }
        }

        return builder.ConnectionString;
    }
}
