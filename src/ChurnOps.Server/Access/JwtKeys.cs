using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ChurnOps.Server.Access;

/// <summary>
/// The signing keys of access.jwt.signing_keys, read once at start: each file a JWKS document (as an identity provider
/// publishes at its jwks_uri, saved since the server may have no way out) or a PEM public key (RSA or EC).
/// </summary>
internal static class JwtKeys
{
    public static (IReadOnlyList<SecurityKey> Keys, IReadOnlyList<string> Errors) Load(string projectRoot, IReadOnlyList<string> files)
    {
        var keys = new List<SecurityKey>();
        var errors = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var at = $"access.jwt.signing_keys[{i}]";
            var path = Path.GetFullPath(files[i], projectRoot);
            if (!File.Exists(path))
            {
                errors.Add($"{at}: file '{files[i]}' not found (relative to {projectRoot})");
                continue;
            }

            var text = File.ReadAllText(path);
            try
            {
                var read = text.TrimStart().StartsWith('{') ? new JsonWebKeySet(text).GetSigningKeys() : [Pem(text)];
                if (read.Count == 0)
                {
                    errors.Add($"{at}: '{files[i]}' holds no signing key");
                }

                keys.AddRange(read);
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException or FormatException or System.Text.Json.JsonException)
            {
                errors.Add($"{at}: '{files[i]}' is neither a JWKS document nor a PEM public key ({OneLine(ex.Message)})");
            }
        }

        return (keys, errors);
    }

    private static SecurityKey Pem(string text)
    {
        if (text.Contains("BEGIN EC", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(text);
            return new ECDsaSecurityKey(ec);
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(text);
            return new ECDsaSecurityKey(ec);
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 120 ? line[..120] + "…" : line;
    }
}
