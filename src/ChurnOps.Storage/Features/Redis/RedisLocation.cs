using System.Globalization;

namespace ChurnOps.Storage.Features.Redis;

/// <summary>
/// Where the team online store lives: <c>redis://host[:port][/db]</c> (<c>rediss://</c> for TLS). A password is never
/// part of the location (it would end up in churnops.yaml and in messages); it comes from the environment.
/// </summary>
public sealed record RedisLocation(string Host, int Port, int Database, bool Tls)
{
    public const int DefaultPort = 6379;

    /// <summary>The location as messages show it: scheme, host, port and database, nothing secret.</summary>
    public override string ToString() => $"{(Tls ? "rediss" : "redis")}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out RedisLocation? location, out string? error)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != "redis" && uri.Scheme != "rediss") || uri.Host.Length == 0)
        {
            error = "expected redis://host[:port][/db] (rediss:// for TLS)";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = "a password does not belong in the location; set CHURNOPS__STORAGE__REDIS__PASSWORD instead";
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = "expected redis://host[:port][/db] without query or fragment";
            return false;
        }

        var path = uri.AbsolutePath.Trim('/');
        var database = 0;
        if (path.Length > 0 && (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) || database > 15))
        {
            error = $"'/{path}' is not a database number (0-15)";
            return false;
        }

        location = new RedisLocation(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, uri.Scheme == "rediss");
        error = null;
        return true;
    }
}
