namespace ChurnOps.Server.Security;

/// <summary>
/// The Host header values the server answers to (DNS rebinding): loopback names plus the host it binds to. A wildcard
/// bind (only reachable with --insecure) answers to any host, as the names it is reached by are not known here.
/// </summary>
internal sealed class HostAllowList
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];
    private readonly HashSet<string>? _hosts;

    private HostAllowList(HashSet<string>? hosts) => _hosts = hosts;

    public static HostAllowList AnyHost { get; } = new(null);

    public IReadOnlyCollection<string>? Hosts => _hosts;

    /// <summary>From Kestrel's URL list (semicolon separated, as ServerOptions.Urls).</summary>
    public static HostAllowList ForUrls(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var hosts = new HashSet<string>(LoopbackNames, StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is null || host is "*" or "+" or "0.0.0.0" or "[::]")
            {
                return AnyHost;
            }

            hosts.Add(host);
        }

        return new HostAllowList(hosts);
    }

    /// <summary>True for an allowed host or an absent one (HTTP/1.0 sends none; nothing is misrouted without it).</summary>
    public bool Allows(string? host) => _hosts is null || string.IsNullOrEmpty(host) || _hosts.Contains(host);

    private static string? HostOf(string url)
    {
        // Kestrel's wildcards are not valid URI hosts, so take the authority by hand.
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var authority = start < 0 ? url : url[(start + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : authority[..(close + 1)];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
