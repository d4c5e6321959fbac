using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Artifacts.S3;
using ChurnOps.Storage.Features.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Composition;

/// <summary>
/// Checks the team-store settings at start, every problem at once, each naming where the value came from: the online
/// and artifact locations must be Redis and S3 locations, the S3 endpoint a URL, and no secret may sit in churnops.yaml
/// (the file is committed and shown; secrets come from the environment). Values are echoed short, secrets never.
/// </summary>
internal sealed class TeamStorageValidation(IConfigurationRoot configuration) : IValidateOptions<ProjectConfig>
{
    private static readonly string[] SecretKeys = ["storage:redis:password", "storage:s3:access_key_id", "storage:s3:secret_access_key"];

    public ValidateOptionsResult Validate(string? name, ProjectConfig options)
    {
        var errors = new List<string>();
        var yaml = configuration.Providers.OfType<YamlConfigurationProvider>().SingleOrDefault();
        foreach (var key in SecretKeys)
        {
            if (yaml is not null && yaml.TryGet(key, out _))
            {
                var environment = ChurnOpsConfiguration.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
                errors.Add($"{ChurnOpsConfiguration.DescribeSource(configuration, key)}: {Dotted(key)}: a secret does not belong in churnops.yaml; set {environment} in the environment instead");
            }
        }

        if (configuration["storage:online"] is { } online && !RedisLocation.TryParse(online, out _, out var onlineError))
        {
            errors.Add($"{Source("storage:online")}: storage.online: '{Echo(online)}': {onlineError}");
        }

        if (configuration["storage:artifacts"] is { } artifacts && !S3BucketLocation.TryParse(artifacts, out _, out var artifactsError))
        {
            errors.Add($"{Source("storage:artifacts")}: storage.artifacts: '{Echo(artifacts)}': {artifactsError}");
        }

        if (configuration["storage:s3:endpoint"] is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.UserInfo.Length > 0))
        {
            errors.Add($"{Source("storage:s3:endpoint")}: storage.s3.endpoint: '{Echo(endpoint)}' is not an http(s) URL without credentials");
        }

        if (options.Storage.Redis.TtlSeconds is <= 0)
        {
            errors.Add($"{Source("storage:redis:ttl_seconds")}: storage.redis.ttl_seconds: must be a positive number of seconds");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private string Source(string key) => ChurnOpsConfiguration.DescribeSource(configuration, key);

    private static string Dotted(string key) => key.Replace(':', '.');

    // A location may carry a password someone pasted in; show its shape, not the whole of it.
    private static string Echo(string value)
    {
        var text = value.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at > 0 && scheme >= 0 && at > scheme)
        {
            text = text[..(scheme + 3)] + "…@" + text[(at + 1)..];
        }

        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
