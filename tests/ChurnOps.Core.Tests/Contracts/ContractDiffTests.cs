using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Contracts;

public sealed class ContractDiffTests
{
    private static DataContract Contract(string version, string columns, string sla = "") => Parse($"""
        apiVersion: v3.0.2
        kind: DataContract
        id: c
        version: {version}
        status: active
        schema:
          - name: t
            properties:
              - name: id
                logicalType: string
                required: true
                primaryKey: true
        {columns}
        {sla}
        """);

    private static DataContract Parse(string yaml)
    {
        var result = ContractParser.Parse(yaml);
        Assert.True(result.Succeeded, string.Join("; ", result.Issues));
        return result.Contract!;
    }

    private const string Age = """
              - name: age
                logicalType: integer
                required: false
                logicalTypeOptions:
                  minimum: 18
                  maximum: 100
              - name: plan
                logicalType: string
                logicalTypeOptions:
                  enum: [basic, premium]
        """;

    private static ContractChange Single(DataContract before, DataContract after, string path)
    {
        var changes = ContractDiff.Compare(before, after);
        return Assert.Single(changes, c => c.Path == path);
    }

    [Fact]
    public void Compare_SameContract_NoChanges()
    {
        Assert.Empty(ContractDiff.Compare(Contract("1.0.0", Age), Contract("1.0.1", Age)));
    }

    [Fact]
    public void Compare_RemovedColumn_IsBreaking()
    {
        var change = Single(Contract("1.0.0", Age), Contract("1.1.0", string.Empty), "t.age");
        Assert.Equal((ContractChangeSeverity.Breaking, "column removed"), (change.Severity, change.Message));
    }

    [Fact]
    public void Compare_AddedOptionalColumn_IsInfoAndRequiredIsBreaking()
    {
        var optional = Contract("1.0.0", Age + "\n      - name: note\n        logicalType: string");
        var required = Contract("1.0.0", Age + "\n      - name: note\n        logicalType: string\n        required: true");

        Assert.Equal(ContractChangeSeverity.Info, Single(Contract("1.0.0", Age), optional, "t.note").Severity);
        Assert.Equal(ContractChangeSeverity.Breaking, Single(Contract("1.0.0", Age), required, "t.note").Severity);
    }

    [Theory]
    [InlineData("minimum: 18", "minimum: 21", ContractChangeSeverity.Breaking)]
    [InlineData("minimum: 18", "minimum: 16", ContractChangeSeverity.Warning)]
    [InlineData("maximum: 100", "maximum: 90", ContractChangeSeverity.Breaking)]
    [InlineData("maximum: 100", "maximum: 120", ContractChangeSeverity.Warning)]
    [InlineData("enum: [basic, premium]", "enum: [basic]", ContractChangeSeverity.Breaking)]
    [InlineData("enum: [basic, premium]", "enum: [basic, premium, gold]", ContractChangeSeverity.Warning)]
    [InlineData("required: false", "required: true", ContractChangeSeverity.Breaking)]
    [InlineData("logicalType: integer", "logicalType: number", ContractChangeSeverity.Breaking)]
    public void Compare_TightenedIsBreakingLoosenedIsWarning(string from, string to, ContractChangeSeverity expected)
    {
        var after = Contract("2.0.0", Age.Replace(from, to, StringComparison.Ordinal));

        var changes = ContractDiff.Compare(Contract("1.0.0", Age), after);

        var change = Assert.Single(changes);
        Assert.Equal(expected, change.Severity);
    }

    [Fact]
    public void Compare_PatternAddedIsBreakingAndRemovedIsWarning()
    {
        var with = Contract("1.0.0", "      - name: code\n        logicalType: string\n        logicalTypeOptions:\n          pattern: '^[A-Z]+$'");
        var without = Contract("1.0.0", "      - name: code\n        logicalType: string");

        Assert.Equal(ContractChangeSeverity.Breaking, Single(without, with, "t.code").Severity);
        Assert.Equal(ContractChangeSeverity.Warning, Single(with, without, "t.code").Severity);
    }

    [Fact]
    public void Compare_RemovedTable_IsBreaking()
    {
        var other = Parse("apiVersion: v3.0.2\nkind: DataContract\nid: c\nversion: 2.0.0\nstatus: active\nschema:\n  - name: u\n    properties:\n      - name: id\n        logicalType: string\n");
        var changes = ContractDiff.Compare(Contract("1.0.0", Age), other);

        Assert.Contains(changes, c => c is { Path: "t", Severity: ContractChangeSeverity.Breaking, Message: "table removed" });
        Assert.Contains(changes, c => c is { Path: "u", Severity: ContractChangeSeverity.Info });
    }

    [Fact]
    public void NeedsSignOff_BreakingWithoutMajorBump_True_WithMajorBump_False()
    {
        var before = Contract("1.2.0", Age);
        var minor = Contract("1.3.0", string.Empty);
        var major = Contract("2.0.0", string.Empty);

        Assert.True(ContractDiff.NeedsSignOff(before, minor, ContractDiff.Compare(before, minor)));
        Assert.False(ContractDiff.NeedsSignOff(before, major, ContractDiff.Compare(before, major)));
    }

    [Fact]
    public void Compare_SlaChanged_IsWarning()
    {
        var before = Contract("1.0.0", Age, "slaProperties:\n  - property: freshness\n    value: 24\n    unit: h");
        var after = Contract("1.0.0", Age, "slaProperties:\n  - property: freshness\n    value: 12\n    unit: h");

        Assert.Equal(ContractChangeSeverity.Warning, Single(before, after, "slaProperties.freshness").Severity);
    }
}
