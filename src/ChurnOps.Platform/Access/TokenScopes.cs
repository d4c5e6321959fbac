using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Access;

/// <summary>
/// What a token may do besides reading: `read` (nothing more), `write` (every activity its team may perform) or named
/// activities (`train`, `deploy`…), always within its team's RACI.
/// </summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static bool Allows(IReadOnlyList<string> scopes, string activity)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        foreach (var scope in scopes)
        {
            if (scope == Write || scope == activity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"read,deploy" or "read deploy" → the scopes, or the one-line reason one is unknown.</summary>
    public static (IReadOnlyList<string>? Scopes, string? Error) Parse(IEnumerable<string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var scopes = given.SelectMany(s => s.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            return ([Read], null);
        }

        var unknown = scopes.FirstOrDefault(s => s is not (Read or Write) && !Activities.IsKnown(s));
        return unknown is null
            ? (scopes, null)
            : (null, $"--scope: unknown scope '{(unknown.Length > 40 ? unknown[..40] + "…" : unknown)}' (use read, write or an activity: {string.Join(", ", Activities.All)})");
    }
}
