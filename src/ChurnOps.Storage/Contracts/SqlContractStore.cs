using ChurnOps.Core.Contracts;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Contracts;

/// <summary>Contract versions and consumer sign-offs in the metadata database, on SQLite or PostgreSQL alike.</summary>
public sealed class SqlContractStore(MetadataDatabase database) : IContractStore
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("contracts", 1, """
            CREATE TABLE contract_versions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                contract_id TEXT NOT NULL,
                version TEXT NOT NULL,
                status TEXT NOT NULL,
                yaml TEXT NOT NULL,
                published_by TEXT NOT NULL,
                at TEXT NOT NULL,
                UNIQUE (contract_id, version));
            CREATE TABLE contract_approvals (
                contract_id TEXT NOT NULL,
                version TEXT NOT NULL,
                team TEXT NOT NULL,
                approved_at TEXT NOT NULL,
                PRIMARY KEY (contract_id, version, team));
            """),
    ];

    public async Task SaveAsync(PublishedContract contract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO contract_versions (contract_id, version, status, yaml, published_by, at) VALUES (@id, @version, @status, @yaml, @by, @at)
            ON CONFLICT (contract_id, version) DO UPDATE SET status = excluded.status, yaml = excluded.yaml, published_by = excluded.published_by, at = excluded.at
            """);
        command.Text("@id", contract.Id).Text("@version", contract.Version).Text("@status", contract.Status)
            .Text("@yaml", contract.Yaml).Text("@by", contract.PublishedBy).Timestamp("@at", contract.At);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishedContract?> GetAsync(string id, string version, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE contract_id = @id AND version = @version", cancellationToken, ("@id", id), ("@version", version)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    public async Task<PublishedContract?> LatestPublishedAsync(string id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"WHERE contract_id = @id AND status = '{PublishedContract.Published}' ORDER BY id DESC LIMIT 1", cancellationToken, ("@id", id)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    public async Task<IReadOnlyList<PublishedContract>> ListAsync(string? id, CancellationToken cancellationToken) =>
        await QueryAsync("WHERE (@id IS NULL OR contract_id = @id) ORDER BY contract_id, id DESC", cancellationToken, ("@id", id)).ConfigureAwait(false);

    public async Task AddApprovalAsync(string id, string version, string team, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("INSERT INTO contract_approvals (contract_id, version, team, approved_at) VALUES (@id, @version, @team, @at) ON CONFLICT DO NOTHING");
        command.Text("@id", id).Text("@version", version).Text("@team", team).Timestamp("@at", at);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ApprovalsAsync(string id, string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT team FROM contract_approvals WHERE contract_id = @id AND version = @version ORDER BY team");
        command.Text("@id", id).Text("@version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var teams = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            teams.Add(reader.GetString(0));
        }

        return teams;
    }

    private async Task<List<PublishedContract>> QueryAsync(string where, CancellationToken cancellationToken, params (string Name, string? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT contract_id, version, status, yaml, published_by, at FROM contract_versions " + where);
        foreach (var (name, value) in parameters)
        {
            command.Text(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<PublishedContract>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new PublishedContract(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetTimestamp(5)));
        }

        return result;
    }
}
