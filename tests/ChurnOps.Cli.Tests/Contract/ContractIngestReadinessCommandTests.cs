namespace ChurnOps.Cli.Tests.Contract;

/// <summary>
/// Contracts the standards accept but ingest cannot load by: `contract lint` passes with a warning, `ingest` refuses with
/// one precise line on stderr. And the DCS types ChurnOps used to refuse, linted and loaded for real.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ContractIngestReadinessCommandTests : TemplateProjectTests
{
    private const string OdcsHeader = "apiVersion: v3.0.2\nkind: DataContract\nid: readiness\nversion: 1.0.0\nstatus: active\n";

    private async Task<(string Contract, string Data)> WriteAsync(string contractYaml, string csv)
    {
        var contract = Path.Combine(Project.Root, "readiness.yaml");
        var data = Path.Combine(Project.Root, "readiness.csv");
        await File.WriteAllTextAsync(contract, contractYaml);
        await File.WriteAllTextAsync(data, csv);
        return (contract, data);
    }

    private static async Task AssertLintsWithWarningAsync(string contract, string warningPath)
    {
        var (code, output, error) = await InProcessCli.RunAsync("contract", "lint", contract);
        Assert.True(code == 0, output + error);
        Assert.Contains($": warning: {warningPath}:", output, StringComparison.Ordinal);
        Assert.DoesNotContain(": error: ", output, StringComparison.Ordinal);
    }

    private async Task AssertIngestRefusedAsync(string table, string contract, string data, string fragment)
    {
        var (code, output, error) = await InProcessCli.RunAsync("ingest", table, data, "--contract", contract, "--dir", Project.Root);
        Assert.Equal(1, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LintThenIngest_ContractWithoutSchema_WarningThenOneLineError()
    {
        var (contract, data) = await WriteAsync(
            OdcsHeader + "servers:\n  - server: prod\n    type: kafka\n    host: broker:9092\nslaProperties:\n  - property: retention\n    value: 1\n    unit: y\n",
            "id\n1\n");

        await AssertLintsWithWarningAsync(contract, "schema");
        await AssertIngestRefusedAsync("readiness", contract, data, "describes no tables (no schema): ingest needs a schema object for 'readiness'");
    }

    [Fact]
    public async Task LintThenIngest_TableWithoutProperties_WarningThenOneLineError()
    {
        var (contract, data) = await WriteAsync(
            OdcsHeader + "schema:\n  - name: readiness\n    physicalType: topic\n    description: Schema in the registry\n",
            "id\n1\n");

        await AssertLintsWithWarningAsync(contract, "schema[0].properties");
        await AssertIngestRefusedAsync("readiness", contract, data, "table 'readiness' lists no properties (columns)");
    }

    [Fact]
    public async Task LintThenIngest_DcsWithoutModels_WarningThenOneLineError()
    {
        var (contract, data) = await WriteAsync(
            "dataContractSpecification: 1.2.1\nid: readiness\ninfo:\n  title: Readiness\n  version: 1.0.0\n",
            "id\n1\n");

        await AssertLintsWithWarningAsync(contract, "models");
        await AssertIngestRefusedAsync("readiness", contract, data, "describes no tables (no schema/models)");
    }

    [Fact]
    public async Task LintThenIngest_ColumnListedTwice_WarningThenOneLineError()
    {
        var (contract, data) = await WriteAsync(
            OdcsHeader + "schema:\n  - name: readiness\n    properties:\n      - name: plan\n        logicalType: string\n      - name: PLAN\n        logicalType: string\n",
            "plan\nbasic\n");

        await AssertLintsWithWarningAsync(contract, "schema[0].properties[1].name");
        await AssertIngestRefusedAsync("readiness", contract, data, "lists column 'plan' 2 times");
    }

    [Fact]
    public async Task LintThenIngest_PatternThatDoesNotCompile_WarningThenOneLineError()
    {
        var (contract, data) = await WriteAsync(
            OdcsHeader + "schema:\n  - name: readiness\n    properties:\n      - name: code\n        logicalType: string\n        logicalTypeOptions:\n          pattern: \"([a-z\"\n",
            "code\nabc\n");

        await AssertLintsWithWarningAsync(contract, "schema[0].properties[0].logicalTypeOptions.pattern");
        await AssertIngestRefusedAsync("readiness", contract, data, "column 'code' has a pattern that is not a valid regular expression");
    }

    [Fact]
    public async Task LintThenIngest_DcsTimeVariantJsonNullFields_LoadedIntoTheWarehouse()
    {
        var (contract, data) = await WriteAsync("""
            dataContractSpecification: 1.2.1
            id: readiness
            info:
              title: Readiness
              version: 1.0.0
            models:
              readiness:
                fields:
                  id:
                    type: string
                    required: true
                    primaryKey: true
                  opens_at:
                    type: time
                  raw:
                    type: variant
                  device:
                    type: json
                  nothing:
                    type: "null"
            servicelevels:
              retention:
                period: 2y
            """,
            "id,opens_at,raw,device,nothing\nA1,08:30:00,<cdr/>,\"{\"\"os\"\": \"\"android\"\"}\",\nA2,17:00:00,x,{},\n");

        var (lintCode, lintOutput, _) = await InProcessCli.RunAsync("contract", "lint", contract);
        Assert.True(lintCode == 0, lintOutput);

        var (code, output, error) = await InProcessCli.RunAsync("ingest", "readiness", data, "--contract", contract, "--dir", Project.Root);
        Assert.True(code == 0, output + error);
        Assert.Contains("2 rows read, 2 accepted into staging.readiness, 0 quarantined", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractLint_OdcsDateBoundsAndRetentionInYears_Valid()
    {
        var (contract, _) = await WriteAsync(OdcsHeader + """
            slaProperties:
              - property: retention
                value: 10
                unit: y
            schema:
              - name: readiness
                properties:
                  - name: signup_date
                    logicalType: date
                    logicalTypeOptions:
                      minimum: "2020-01-01"
                      exclusiveMaximum: "2100-01-01"
            """, "signup_date\n2024-01-01\n");

        var (code, output, _) = await InProcessCli.RunAsync("contract", "lint", contract);

        Assert.Equal(0, code);
        Assert.DoesNotContain("error", output, StringComparison.Ordinal);
        Assert.Contains("valid odcs contract 'readiness' 1.0.0", output, StringComparison.Ordinal);
    }
}
