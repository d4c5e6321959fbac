using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Tests.Tracking;

public sealed class SqliteRunStoreContractTests : RunStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _file = new();
    private SqliteMetadataDatabase? _database;

    protected override async Task<IRunStore> CreateStoreAsync() => new SqlRunStore(await DatabaseAsync(), Time);

    protected override async Task<string> CreateExperimentAsync(string name) =>
        (await new SqlExperimentStore(await DatabaseAsync(), Time).CreateExperimentAsync(name, null, [], CancellationToken.None)).Value!;

    public void Dispose() => _file.Dispose();

    private async Task<SqliteMetadataDatabase> DatabaseAsync() => _database ??= await _file.OpenAsync();
}
