using System.Net;

namespace ChurnOps.Server.Security;

/// <summary>
/// Whether a bind address exposes the server beyond this machine. A non-loopback bind needs access control on (a token
/// issued, access.jwt or access.required), else it is refused unless the operator says --insecure, and then warned about.
/// </summary>
public static class ServerExposure
{
    public const string InsecureFlag = "--insecure";

    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim();
        if (bare.StartsWith('[') && bare.EndsWith(']'))
        {
            bare = bare[1..^1];
        }

        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Null when the bind is allowed; else the one line that says why not and which flag overrides it.</summary>
    public static string? Refusal(string host, bool insecure, bool authenticated = false) =>
        insecure || authenticated || IsLoopback(host)
            ? null
            : $"refusing to bind to '{Printable(host)}' without authentication (no token issued, no access.jwt, access.required off): create one with `churnops tokens create --team T`, or pass {InsecureFlag} to serve unauthenticated on a non-loopback address";

    /// <summary>The one warning line for an --insecure non-loopback bind without authentication; null otherwise.</summary>
    public static string? Warning(string host, bool insecure, bool authenticated = false) =>
        insecure && !authenticated && !IsLoopback(host)
            ? $"warning: {InsecureFlag}: serving on '{Printable(host)}' without authentication; anyone who can reach this address can read and change every experiment, model and deployment"
            : null;

    private static string Printable(string text)
    {
        var cut = text.Length > 100 ? text[..100] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }
}
