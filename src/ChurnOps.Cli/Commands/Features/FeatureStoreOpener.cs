using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

/// <summary>Opens the project in --dir and its feature store, or returns why it could not.</summary>
internal static class FeatureStoreOpener
{
    public static async Task<(FeatureStore? Store, string? Error)> OpenAsync(string dir, CancellationToken cancellationToken)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(dir, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return workspace is null ? (null, error) : (workspace.Services.GetRequiredService<FeatureStore>(), null);
    }
}
