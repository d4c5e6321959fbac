using System.Text;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Generality;

/// <summary>
/// Hostile contract files: an alias bomb, nesting deeper than any contract, bytes that are not UTF-8. Each is one error
/// with a line, returned at once; none hangs, throws or lints as valid.
/// </summary>
public sealed class ContractFileBoundsTests : IDisposable
{
    private const string Header = "apiVersion: v3.0.2\nkind: DataContract\nid: hostile\nversion: 1.0.0\nstatus: active\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("churnops-contract-bounds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_AliasBomb_RefusedAsTooLarge()
    {
        var yaml = new StringBuilder(Header).Append("customProperties:\n  - property: p0\n    value: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            var previous = $"*a{i - 1}";
            yaml.Append($"  - property: p{i}\n    value: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }

        var result = ContractParser.Parse(yaml.ToString());

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Contains("expands to more than 1,000,000 values", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Parse_SmallAliases_StillAccepted()
    {
        var result = ContractParser.Parse(Header + "customProperties:\n  - property: a\n    value: &v [1, 2]\n  - property: b\n    value: *v\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
    }

    [Fact]
    public void Parse_NestingDeeperThanAnyContract_RefusedWithoutThrowing()
    {
        var yaml = Header + "customProperties:\n  - property: a\n    value: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = ContractParser.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("the YAML nests deeper than 64 levels", error.Message);
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public async Task ParseFileAsync_Latin1File_RefusedNamingTheByte()
    {
        var path = Path.Combine(_directory, "latin1.yaml");
        var text = Header + "name: caf\u00e9\n";
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes(text));

        var result = await ContractParser.ParseFileAsync(path, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}: the contract is not UTF-8 text (byte {Header.Length + 10}); save it as UTF-8", error.Message);
    }

    [Fact]
    public async Task ParseFileAsync_Utf8WithBom_ReadsLikeWithout()
    {
        var path = Path.Combine(_directory, "bom.yaml");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header + "name: caf\u00e9\n")]);

        var result = await ContractParser.ParseFileAsync(path, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
        Assert.Equal("hostile", result.Contract!.Id);
    }
}
