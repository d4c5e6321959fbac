using ChurnOps.Core.Access;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Access;

/// <summary>API tokens in the metadata database. Plain SQL (text columns, one unique index) so a PostgreSQL port is a copy.</summary>
public sealed class SqliteAccessTokenStore(SqliteMetadataDatabase database) : IAccessTokenStore
{
    private const string Columns = "id, name, team, scopes, secret_hash, created_at, created_by, expires_at, revoked_at";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("access", 1, """
            CREATE TABLE access_tokens (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                team TEXT NOT NULL,
                scopes TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT);
            CREATE UNIQUE INDEX ux_access_tokens_secret_hash ON access_tokens(secret_hash);
            """),
    ];

    public async Task AddAsync(AccessToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO access_tokens ({Columns}) VALUES ($id, $name, $team, $scopes, $hash, $created, $by, $expires, NULL)";
        command.Parameters.AddWithValue("$id", token.Id);
        command.Parameters.AddWithValue("$name", token.Name);
        command.Parameters.AddWithValue("$team", token.Team);
        command.Parameters.AddWithValue("$scopes", string.Join(',', token.Scopes));
        command.Parameters.AddWithValue("$hash", token.SecretHash);
        command.Parameters.AddWithValue("$created", SqliteValues.Timestamp(token.CreatedAt));
        command.Parameters.AddWithValue("$by", token.CreatedBy);
        command.Parameters.AddWithValue("$expires", SqliteValues.Timestamp(token.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AccessToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM access_tokens WHERE secret_hash = $hash";
        command.Parameters.AddWithValue("$hash", secretHash);
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<IReadOnlyList<AccessToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM access_tokens ORDER BY created_at DESC, id";
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE access_tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$at", SqliteValues.Timestamp(at));
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM access_tokens)";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static async Task<IReadOnlyList<AccessToken>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var tokens = new List<AccessToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(new AccessToken(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.GetString(4),
                SqliteValues.ParseTimestamp(reader.GetString(5)),
                reader.GetString(6),
                SqliteValues.ParseTimestamp(reader.GetString(7)),
                reader.IsDBNull(8) ? null : SqliteValues.ParseTimestamp(reader.GetString(8))));
        }

        return tokens;
    }
}
