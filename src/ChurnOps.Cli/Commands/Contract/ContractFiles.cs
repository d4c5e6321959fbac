using ChurnOps.Core.Contracts;

namespace ChurnOps.Cli.Commands.Contract;

/// <summary>Resolves "customers" or "contracts/customers.yaml" to a contract file and parses it.</summary>
internal static class ContractFiles
{
    public static string Resolve(string fileOrTable, string projectDir) =>
        File.Exists(fileOrTable) ? fileOrTable : Path.Combine(projectDir, "contracts", fileOrTable + ".yaml");

    public static async Task<(DataContract? Contract, string? Error)> LoadAsync(string fileOrTable, string projectDir, CancellationToken ct)
    {
        var path = Resolve(fileOrTable, projectDir);
        var result = await ContractParser.ParseFileAsync(path, ct).ConfigureAwait(false);
        return result.Contract is null ? (null, $"{path}: {result.FirstError}") : (result.Contract, null);
    }
}
