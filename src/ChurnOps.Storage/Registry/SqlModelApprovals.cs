using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Registry;

/// <summary>
/// Approval decisions: an append-only table (kept after the version or model is deleted: the audit trail outlives
/// them) whose newest row sets the version's status in the same transaction.
/// </summary>
internal static class SqlModelApprovals
{
    public static async Task<RegistryResult<ModelVersion>> RecordAsync(MetadataDatabase database, TrackingDialect dialect, ModelApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var at = MetadataValues.Timestamp(approval.DecidedAt);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);
        if (!await RegistryCommands.VersionExistsAsync(connection, transaction, dialect, approval.ModelName, approval.Version, cancellationToken).ConfigureAwait(false))
        {
            return RegistryError.VersionNotFound(approval.ModelName, approval.Version);
        }

        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO model_approvals (model_name, version, decision, team, actor, decided_at, note, evidence_metrics, evidence_verdict)
            VALUES (@name, @version, @decision, @team, @actor, @at, @note, @metrics, @verdict)
            """,
            cancellationToken,
            ("@name", approval.ModelName),
            ("@version", approval.Version),
            ("@decision", Decision(approval.Decision)),
            ("@team", approval.Team),
            ("@actor", approval.Actor),
            ("@at", at),
            ("@note", approval.Note),
            ("@metrics", JsonSerializer.Serialize(approval.EvidenceMetrics, RegistryRows.Json)),
            ("@verdict", JsonSerializer.Serialize(approval.EvidenceVerdict, RegistryRows.Json))).ConfigureAwait(false);
        var status = approval.Decision == ApprovalDecision.Approve ? ModelVersionStatus.Approved : ModelVersionStatus.Rejected;
        await RegistryCommands.ExecuteAsync(
            connection,
            transaction,
            "UPDATE model_versions SET status = @status, updated_at = @at WHERE model_name = @name AND version = @version",
            cancellationToken,
            ("@status", RegistryNames.Status(status)),
            ("@at", at),
            ("@name", approval.ModelName),
            ("@version", approval.Version)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryResult<ModelVersion>.Ok((await RegistryCommands.FirstVersionAsync(connection, "WHERE v.model_name = @name AND v.version = @version", cancellationToken, ("@name", approval.ModelName), ("@version", approval.Version)).ConfigureAwait(false))!);
    }

    public static async Task<IReadOnlyList<ModelApproval>> ListAsync(MetadataDatabase database, string modelName, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = TrackingSql.Command(
            connection,
            null,
            "SELECT decision, team, actor, decided_at, note, evidence_metrics, evidence_verdict FROM model_approvals WHERE model_name = @name AND version = @version ORDER BY id",
            ("@name", modelName),
            ("@version", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var approvals = new List<ModelApproval>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            approvals.Add(new ModelApproval(
                modelName,
                version,
                reader.GetString(0) == "approve" ? ApprovalDecision.Approve : ApprovalDecision.Reject,
                reader.GetString(1),
                reader.GetString(2),
                MetadataValues.ParseTimestamp(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5), RegistryRows.Json) ?? [],
                JsonSerializer.Deserialize<GateVerdict>(reader.GetString(6), RegistryRows.Json)!));
        }

        return approvals;
    }

    private static string Decision(ApprovalDecision decision) => decision == ApprovalDecision.Approve ? "approve" : "reject";
}
