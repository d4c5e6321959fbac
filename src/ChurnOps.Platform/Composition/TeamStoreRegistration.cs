using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Artifacts.S3;
using ChurnOps.Storage.Features.Redis;
using ChurnOps.Storage.Team;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Composition;

/// <summary>
/// `storage.online: redis://…` and `storage.artifacts: s3://…` put the team stores in place of the embedded ones. The
/// choice is made from the locations at registration; the rest (password, endpoint, keys) is read from the validated
/// settings when a store is first resolved. <see cref="TeamStorageValidation"/> reports a bad location or a secret in
/// churnops.yaml with the other settings problems, before anything is resolved.
/// </summary>
internal static class TeamStoreRegistration
{
    public static IServiceCollection AddTeamStores(this IServiceCollection services, IConfigurationRoot configuration)
    {
        services.AddSingleton<IValidateOptions<ProjectConfig>>(new TeamStorageValidation(configuration));
        RedisLocation.TryParse(configuration["storage:online"], out var redis, out _);
        S3BucketLocation.TryParse(configuration["storage:artifacts"], out var bucket, out _);
        return services.AddTeamOnlineAndArtifacts(redis is not null, bucket is not null, sp => Options(sp.GetRequiredService<ProjectConfig>(), redis, bucket));
    }

    private static TeamStoreOptions Options(ProjectConfig config, RedisLocation? redis, S3BucketLocation? bucket)
    {
        var s3 = config.Storage.S3;
        var endpoint = string.IsNullOrWhiteSpace(s3.Endpoint) ? null : s3.Endpoint.Trim();
        return new TeamStoreOptions(
            config.Project,
            redis,
            config.Storage.Redis.Password,
            config.Storage.Redis.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            bucket,
            new S3ClientSettings(endpoint, s3.Region, s3.PathStyle ?? endpoint is not null, s3.AccessKeyId, s3.SecretAccessKey));
    }
}
