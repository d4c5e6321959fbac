using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Reads a contract file (ODCS v3, or Data Contract Specification 1.x when <c>dataContractSpecification</c> is present)
/// and lints it: every problem at once, each with its YAML path and line. Malformed YAML is one error at its position.
/// </summary>
public static class ContractParser
{
    public static ContractParseResult Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            // YamlDotNet prefixes messages with "(Line: x, Col: y, …): "; the line is reported separately.
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            message = message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
            return Failed(new ContractIssue(ContractIssueSeverity.Error, "$", (int)ex.Start.Line, "malformed YAML: " + message));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Failed(new ContractIssue(ContractIssueSeverity.Error, "$", 1, "the file must hold one YAML object (the contract)"));
        }

        if (stream.Documents.Count > 1)
        {
            return Failed(new ContractIssue(ContractIssueSeverity.Error, "$", (int)stream.Documents[1].RootNode.Start.Line, "the file holds more than one YAML document; put one contract per file"));
        }

        if (YamlTreeBounds.Check(root) is { } tooLarge)
        {
            return Failed(tooLarge);
        }

        // Two passes: the standard's JSON Schema, transcribed (what every tool must accept or refuse), then the reader that
        // builds the model and adds ChurnOps' own advice. Where the schema already refused a path, the reader's error there is
        // the same problem in other words and is dropped.
        var schema = new ContractYamlReader();
        var reader = new ContractYamlReader();
        var dcs = ContractYamlReader.Child(root, "dataContractSpecification") is not null;
        if (dcs)
        {
            DcsSchemaChecks.Check(schema, root);
        }
        else
        {
            OdcsSchemaChecks.Check(schema, root);
        }

        var contract = dcs ? DcsContractReader.Read(reader, root) : OdcsContractReader.Read(reader, root);
        contract = contract with { Extensions = reader.Extensions };
        var refused = schema.Issues.Where(i => i.Severity == ContractIssueSeverity.Error).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var issues = schema.Issues
            .Concat(reader.Issues.Where(i => i.Severity != ContractIssueSeverity.Error || !refused.Contains(i.Path)))
            .Distinct()
            .OrderBy(i => i.Line).ThenBy(i => i.Path, StringComparer.Ordinal)
            .ToList();
        var failed = issues.Any(i => i.Severity == ContractIssueSeverity.Error);
        return new ContractParseResult(failed ? null : contract, issues);
    }

    /// <summary>Reads and parses a file; a missing file is an error value, not an exception.</summary>
    public static async Task<ContractParseResult> ParseFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return Failed(new ContractIssue(ContractIssueSeverity.Error, "$", 0, $"{path}: contract file not found"));
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            // Strict: a Latin-1 or UTF-16 file would otherwise become replacement characters in names and rules.
            text = StrictText.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0));
        }
        catch (DecoderFallbackException ex)
        {
            var at = ex.Index >= 0 ? $" (byte {ex.Index + 1:N0})" : string.Empty;
            return Failed(new ContractIssue(ContractIssueSeverity.Error, "$", 0, $"{path}: the contract is not UTF-8 text{at}; save it as UTF-8"));
        }

        return Parse(text);
    }

    private static readonly UTF8Encoding StrictText = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ContractParseResult Failed(ContractIssue issue) => new(null, [issue]);
}
