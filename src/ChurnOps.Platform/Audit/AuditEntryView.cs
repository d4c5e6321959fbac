using System.Text.Json;
using ChurnOps.Core.Audit;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// An audit entry as `churnops audit list|export --json` and GET /api/v1/audit show it: flat, with the before/after
/// summaries as JSON values rather than strings, and the chain hashes.
/// </summary>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? Team,
    string Authentication,
    string Origin,
    string Action,
    string ObjectKind,
    string ObjectId,
    string Outcome,
    int? Status,
    string? Route,
    string? Reason,
    JsonElement? Before,
    JsonElement? After,
    string PreviousHash,
    string Hash)
{
    public static AuditEntryView From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Record;
        return new AuditEntryView(entry.Id, r.At, r.Actor.Name, r.Actor.Team, r.Actor.Authentication, r.Origin, r.Action, r.ObjectKind, r.ObjectId, r.Outcome,
            r.Status, r.Route, r.Reason, Json(r.Before), Json(r.After), entry.PreviousHash, entry.Hash);
    }

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Written by hand into the database: show it as the text it is.
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
