using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Contracts;

/// <summary>
/// The two verdicts every schema-conformance test asks of <see cref="ContractParser"/>, shared by the ODCS and the
/// Data Contract Specification suites so both judge "accepted" and "refused at this path" the same way.
/// </summary>
internal static class SchemaConformance
{
    public static void AssertAccepted(string yaml)
    {
        var result = ContractParser.Parse(yaml);
        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
    }

    public static void AssertRefused(string yaml, string path, string fragment)
    {
        var result = ContractParser.Parse(yaml);
        Assert.False(result.Succeeded, "accepted a contract the schema refuses");
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0),
            $"expected an error at '{path}' containing '{fragment}' among: {string.Join(" | ", result.Errors)}");
    }
}
