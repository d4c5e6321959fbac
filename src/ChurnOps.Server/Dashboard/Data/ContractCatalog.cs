using ChurnOps.Core.Contracts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>
/// Every contract the project has: the versions in the contract store, plus the project's contracts/*.yaml whose id
/// (or version) was never published — ingest checks loads against those files, so they are contracts all the same.
/// </summary>
internal sealed class ContractCatalog(IContractStore store, ProjectLayout layout)
{
    /// <summary>Each contract's newest version, by id.</summary>
    public async Task<IReadOnlyList<ContractEntry>> LatestAsync(CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken).ConfigureAwait(false)).GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>Every version of one contract, newest first (the project file first when it is newer than anything published).</summary>
    public async Task<IReadOnlyList<ContractEntry>> VersionsAsync(string id, CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken).ConfigureAwait(false)).Where(c => string.Equals(c.Id, id, StringComparison.Ordinal))];

    private async Task<List<ContractEntry>> AllAsync(CancellationToken cancellationToken)
    {
        var entries = (await store.ListAsync(null, cancellationToken).ConfigureAwait(false))
            .Select(p => new ContractEntry(p.Id, p.Version, p.Status, ContractEntry.FromStore, p.At, p.PublishedBy, p.Yaml, ContractParser.Parse(p.Yaml).Contract))
            .ToList();
        var files = Directory.Exists(layout.ContractsDir)
            ? Directory.EnumerateFiles(layout.ContractsDir, "*.yaml").Concat(Directory.EnumerateFiles(layout.ContractsDir, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : [];
        var result = new List<ContractEntry>();
        foreach (var file in files)
        {
            var yaml = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            if (ContractParser.Parse(yaml).Contract is not { } contract
                || entries.Any(e => string.Equals(e.Id, contract.Id, StringComparison.Ordinal) && string.Equals(e.Version, contract.Version, StringComparison.Ordinal)))
            {
                continue;
            }

            result.Add(new ContractEntry(contract.Id, contract.Version, "not published", ContractEntry.FromProject, null, null, yaml, contract));
        }

        // Store versions come newest first per id; an unpublished project file is the newest of its id.
        result.AddRange(entries);
        return result;
    }
}
