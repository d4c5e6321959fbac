using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>The check that decides whether line numbers need the quoted line breaks counted, on real files.</summary>
public sealed class CsvLineBreaksTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("id,name\n1,a\n2,b\n", false)]
    [InlineData("id,name\r\n1,\"a,b\"\r\n2,\"x\"\"y\"\r\n", false)]
    [InlineData("id,name\n1,\"a\nb\"\n", true)]
    [InlineData("id,name\n1,\"say \"\"hi\nthere\"\"\"\n", true)]
    [InlineData("id,name\n1,\"\"\n2,\"\"\"\"\n", false)]
    public async Task InQuotedValueAsync_File_FindsLineBreaksOnlyInsideQuotes(string content, bool expected)
    {
        var path = _temp.Sub("f.csv");
        await File.WriteAllTextAsync(path, content);

        Assert.Equal(expected, await CsvLineBreaks.InQuotedValueAsync(path, '"', CancellationToken.None));
    }

    [Fact]
    public async Task InQuotedValueAsync_QuoteOpensInOneBufferAndBreaksInTheNext_Found()
    {
        var path = _temp.Sub("big.csv");
        // The quote opens just before the 1 MiB read boundary and the line break follows after it.
        var head = "id,name\n" + new string('x', (1 << 20) - 10) + ",\"ab";
        await File.WriteAllTextAsync(path, head + new string('y', 50) + "\nz\"\n");

        Assert.True(await CsvLineBreaks.InQuotedValueAsync(path, '"', CancellationToken.None));
    }
}
