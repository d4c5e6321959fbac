using System.Data.Common;
using ChurnOps.Core.Access;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Access;

/// <summary>
/// API tokens in the metadata database, on SQLite or PostgreSQL alike: only the secret's hash is stored, so replicas of a
/// team server sharing one database authenticate the same tokens and see a revocation once their cache expires.
/// </summary>
public sealed class SqlAccessTokenStore(MetadataDatabase database) : IAccessTokenStore
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
        await using var command = connection.Command($"INSERT INTO access_tokens ({Columns}) VALUES (@id, @name, @team, @scopes, @hash, @created, @by, @expires, NULL)");
        command.Text("@id", token.Id).Text("@name", token.Name).Text("@team", token.Team).Text("@scopes", string.Join(',', token.Scopes))
            .Text("@hash", token.SecretHash).Timestamp("@created", token.CreatedAt).Text("@by", token.CreatedBy).Timestamp("@expires", token.ExpiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AccessToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM access_tokens WHERE secret_hash = @hash");
        command.Text("@hash", secretHash);
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<IReadOnlyList<AccessToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM access_tokens ORDER BY created_at DESC, id");
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE access_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL");
        command.Timestamp("@at", at).Text("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM (SELECT 1 FROM access_tokens LIMIT 1) AS t");
        return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<IReadOnlyList<AccessToken>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
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
                reader.GetTimestamp(5),
                reader.GetString(6),
                reader.GetTimestamp(7),
                reader.NullableTimestamp(8)));
        }

        return tokens;
    }
}
