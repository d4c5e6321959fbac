using System.Text.Json;
using ChurnOps.Core.Datasets;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Datasets;

/// <summary>Dataset versions in the metadata database; (table, version) is unique so re-recording a load is a no-op.</summary>
public sealed class SqlDatasetVersionStore(MetadataDatabase database) : IDatasetVersionStore
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("datasets", 1, """
            CREATE TABLE dataset_versions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                table_name TEXT NOT NULL,
                version TEXT NOT NULL,
                contract_id TEXT,
                contract_version TEXT,
                files TEXT NOT NULL,
                rows_read INTEGER NOT NULL,
                rows_accepted INTEGER NOT NULL,
                rows_quarantined INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (table_name, version));
            CREATE INDEX ix_dataset_versions_table ON dataset_versions(table_name, id);
            """),
    ];

    public async Task<bool> AddAsync(DatasetVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dataset_versions (table_name, version, contract_id, contract_version, files, rows_read, rows_accepted, rows_quarantined, created_at)
            VALUES (@table, @version, @contract, @contractVersion, @files, @read, @accepted, @quarantined, @at)
            ON CONFLICT (table_name, version) DO NOTHING
            """;
        command.Value("@table", version.Table);
        command.Value("@version", version.Version);
        command.Value("@contract", version.ContractId);
        command.Value("@contractVersion", version.ContractVersion);
        command.Value("@files", JsonSerializer.Serialize(version.Files));
        command.Value("@read", version.RowsRead);
        command.Value("@accepted", version.RowsAccepted);
        command.Value("@quarantined", version.RowsQuarantined);
        command.Value("@at", MetadataValues.Timestamp(version.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<DatasetVersion?> GetAsync(string table, string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE table_name = @table AND (version = @version OR version LIKE @prefix) ORDER BY id DESC LIMIT 1";
        command.Value("@table", table);
        command.Value("@version", version);
        // A unique prefix is enough, like a git hash.
        command.Value("@prefix", version.Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) + "%");
        var found = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<DatasetVersion>> ListAsync(string? table, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE (@table IS NULL OR table_name = @table) ORDER BY id DESC LIMIT @max";
        command.Value("@table", table);
        command.Value("@max", Math.Clamp(max, 1, 10_000));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private const string Select = "SELECT table_name, version, contract_id, contract_version, files, rows_read, rows_accepted, rows_quarantined, created_at FROM dataset_versions";

    private static async Task<List<DatasetVersion>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DatasetVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DatasetVersion(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                MetadataValues.ParseTimestamp(reader.GetString(8))));
        }

        return result;
    }
}
