using ChurnOps.Core.Artifacts;
using ChurnOps.Storage.Artifacts;

namespace ChurnOps.Storage.Tests.Artifacts;

public sealed class LocalArtifactStoreContractTests : ArtifactStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override Task<IArtifactStore> CreateStoreAsync() => Task.FromResult<IArtifactStore>(new LocalArtifactStore(_temp.Sub("artifacts")));

    public void Dispose() => _temp.Dispose();
}
