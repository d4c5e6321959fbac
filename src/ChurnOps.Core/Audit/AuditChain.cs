using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChurnOps.Core.Audit;

/// <summary>
/// The hash chain over the audit log. Each entry's hash is SHA-256 of the previous entry's hash (hex) followed by the
/// entry's canonical bytes: every field as UTF-8 text with its byte length in front (so no value can pass for two), the
/// id and status as invariant integers and the time as ISO-8601 UTC with seven fractional digits. Nothing goes through
/// a floating-point or culture-dependent path, so a chain written on one platform verifies on any other.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The one text form of an audit time, stored as is and hashed as is.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc));

    /// <summary>The hash of entry <paramref name="id"/> holding <paramref name="record"/> after <paramref name="previousHash"/>.</summary>
    public static string Hash(string previousHash, long id, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(record);
        var bytes = Encoding.UTF8.GetBytes(previousHash + Canonical(id, record));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Walks the entries in id order: ids must run 1, 2, 3… (a gap is a deleted entry), each must name the hash of the one
    /// before (else it was reordered or inserted), each hash must match its content (else it was edited), and the last
    /// must be the head the log recorded (else entries were cut off the end). Stops at the first break.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> chain, AuditHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(head);
        long count = 0;
        var lastId = 0L;
        var lastHash = Genesis;
        await foreach (var entry in chain.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var expected = lastId + 1;
            if (entry.Id > expected)
            {
                return new AuditVerification(count, expected, $"entry {Id(expected)} is missing (deleted): entry {Id(lastId)} is followed by entry {Id(entry.Id)}");
            }

            if (entry.Id < expected)
            {
                return new AuditVerification(count, entry.Id, $"entry {Id(entry.Id)} is out of order: it follows entry {Id(lastId)}");
            }

            if (!string.Equals(entry.PreviousHash, lastHash, StringComparison.Ordinal))
            {
                return new AuditVerification(count, entry.Id, $"entry {Id(entry.Id)} does not follow entry {Id(lastId)}: its previous hash differs (reordered or inserted)");
            }

            if (!string.Equals(Hash(lastHash, entry.Id, entry.Record), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(count, entry.Id, $"entry {Id(entry.Id)} was changed after it was written: its content does not match its hash");
            }

            count++;
            lastId = entry.Id;
            lastHash = entry.Hash;
        }

        if (head.LastId > lastId)
        {
            return new AuditVerification(count, lastId + 1, $"entries {Id(lastId + 1)} to {Id(head.LastId)} are missing (deleted from the end): the log last wrote entry {Id(head.LastId)}");
        }

        if (head.LastId < lastId)
        {
            return new AuditVerification(count, head.LastId + 1, $"entry {Id(head.LastId + 1)} was added behind the log's back: the log last wrote entry {Id(head.LastId)}");
        }

        if (!string.Equals(head.LastHash, lastHash, StringComparison.Ordinal))
        {
            return new AuditVerification(count, lastId, $"entry {Id(lastId)} is not the entry the log last wrote: its hash differs from the recorded head");
        }

        return new AuditVerification(count, null, null);
    }

    private static string Canonical(long id, AuditRecord record)
    {
        var text = new StringBuilder(256);
        Field(text, id.ToString(CultureInfo.InvariantCulture));
        Field(text, Timestamp(record.At));
        Field(text, record.Actor.Name);
        Field(text, record.Actor.Team);
        Field(text, record.Actor.Authentication);
        Field(text, record.Origin);
        Field(text, record.Action);
        Field(text, record.ObjectKind);
        Field(text, record.ObjectId);
        Field(text, record.Outcome);
        Field(text, record.Status?.ToString(CultureInfo.InvariantCulture));
        Field(text, record.Route);
        Field(text, record.Reason);
        Field(text, record.Before);
        Field(text, record.After);
        return text.ToString();
    }

    // "~;" for null; otherwise "<utf-8 byte count>:<value>;": a value cannot be mistaken for a field boundary.
    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("~;");
            return;
        }

        text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
