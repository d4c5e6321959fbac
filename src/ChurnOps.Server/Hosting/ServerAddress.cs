using System.Net;

namespace ChurnOps.Server.Hosting;

/// <summary>Turns --host and --port into Kestrel's URL, refusing what Kestrel would only refuse with a stack trace.</summary>
public static class ServerAddress
{
    public static (string? Url, string? Error) From(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (port is < 0 or > 65535)
        {
            return (null, $"--port must be between 0 and 65535 (got {port})");
        }

        var bare = host.Trim();
        if (bare is "*" or "+")
        {
            return ($"http://{bare}:{port}", null);
        }

        if (bare.StartsWith('[') && bare.EndsWith(']'))
        {
            bare = bare[1..^1];
        }

        if (IPAddress.TryParse(bare, out var address))
        {
            var literal = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            return ($"http://{literal}:{port}", null);
        }

        return Uri.CheckHostName(bare) == UriHostNameType.Dns
            ? ($"http://{bare}:{port}", null)
            : (null, $"--host must be an IP address or a host name (got '{Printable(host)}')");
    }

    private static string Printable(string text)
    {
        var cut = text.Length > 100 ? text[..100] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }
}
