using System.Text.Encodings.Web;
using System.Text.Json;
using ChurnOps.Core.Audit;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// What use cases call to record a mutation: the actor and origin come from the current request's
/// <see cref="AuditScope"/>, else from <see cref="ICurrentActor"/>; the time from <see cref="TimeProvider"/>. Before/after
/// summaries are serialized as JSON and capped (a longer one is replaced by its head, marked truncated), so a
/// megabyte of user data never lands in the log.
/// </summary>
public sealed class AuditTrail(IAuditLog log, ICurrentActor current, TimeProvider time)
{
    /// <summary>The most characters of JSON kept for a before or after summary.</summary>
    public const int MaxSummaryChars = 4096;

    private const int MaxReasonChars = 1000;
    private const int TruncatedHeadChars = 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IAuditLog Log => log;

    /// <summary>Appends one entry; <paramref name="before"/> and <paramref name="after"/> are any JSON-serializable summaries.</summary>
    public async Task RecordAsync(string action, string objectKind, string objectId, string outcome, object? before, object? after, string? reason, CancellationToken ct)
    {
        var scope = AuditScope.Current;
        var record = new AuditRecord(time.GetUtcNow(), scope?.Actor ?? current.Actor, scope?.Origin ?? current.Origin, action, objectKind, objectId, outcome)
        {
            Route = scope?.Route,
            Reason = Cap(reason, MaxReasonChars),
            Before = Summary(before),
            After = Summary(after),
        };
        await log.AppendAsync(record, ct).ConfigureAwait(false);
        scope?.Count();
    }

    /// <summary>A value as audit JSON, capped at <see cref="MaxSummaryChars"/>: a longer one becomes {"truncated": true, "chars": N, "head": "…"}.</summary>
    public static string? Summary(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var json = value as string is { } text ? JsonSerializer.Serialize(text, Options) : JsonSerializer.Serialize(value, value.GetType(), Options);
        return json.Length <= MaxSummaryChars
            ? json
            : JsonSerializer.Serialize(new { truncated = true, chars = json.Length, head = json[..TruncatedHeadChars] }, Options);
    }

    private static string? Cap(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "… (truncated)";
}
