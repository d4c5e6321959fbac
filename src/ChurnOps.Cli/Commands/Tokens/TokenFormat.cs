using System.Globalization;
using ChurnOps.Core.Access;

namespace ChurnOps.Cli.Commands.Tokens;

internal static class TokenFormat
{
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Status(AccessToken token, DateTimeOffset now) => token.RevokedAt is not null ? "revoked" : now >= token.ExpiresAt ? "expired" : "active";
}
