using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Contracts;

internal static class ExampleContracts
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Contracts", "Examples", name);

    public static ContractParseResult Parse(string name) => ContractParser.Parse(File.ReadAllText(PathOf(name)));

    public static DataContract Load(string name)
    {
        var result = Parse(name);
        Assert.True(result.Succeeded, string.Join("; ", result.Issues));
        return result.Contract!;
    }
}
