using ChurnOps.Core.Contracts;
using static ChurnOps.Core.Tests.Contracts.SchemaConformance;

namespace ChurnOps.Core.Tests.Contracts;

/// <summary>
/// One contract per branch of the Data Contract Specification 1.2.1 JSON Schema: what it accepts lints without errors,
/// what it refuses is an error at the right YAML path.
/// </summary>
public sealed class DcsSchemaConformanceTests
{
    private const string Header = "dataContractSpecification: 1.2.1\nid: urn:datacontract:conformance\ninfo:\n  title: Conformance\n  version: 1.0.0\n";

    private static string Field(string field) => Header + "models:\n  things:\n    fields:\n" + field;

    [Theory]
    [InlineData("number", "number")]
    [InlineData("decimal", "number")]
    [InlineData("numeric", "number")]
    [InlineData("int", "integer")]
    [InlineData("integer", "integer")]
    [InlineData("long", "integer")]
    [InlineData("bigint", "integer")]
    [InlineData("float", "number")]
    [InlineData("double", "number")]
    [InlineData("string", "string")]
    [InlineData("text", "string")]
    [InlineData("varchar", "string")]
    [InlineData("boolean", "boolean")]
    [InlineData("timestamp", "timestamp")]
    [InlineData("timestamp_tz", "timestamp")]
    [InlineData("timestamp_ntz", "timestamp")]
    [InlineData("date", "date")]
    [InlineData("time", "time")]
    [InlineData("array", "array")]
    [InlineData("map", "object")]
    [InlineData("object", "object")]
    [InlineData("record", "object")]
    [InlineData("struct", "object")]
    [InlineData("bytes", "string")]
    [InlineData("variant", "string")]
    [InlineData("json", "string")]
    [InlineData("null", "string")]
    public void Parse_EveryFieldTypeOfTheSpec_IsAcceptedAndMapped(string type, string logicalType)
    {
        // Quoted: a plain null would be YAML's null, not the type name.
        var result = ContractParser.Parse(Field($"      f:\n        type: \"{type}\"\n"));

        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
        var property = result.Contract!.Schema[0].Properties[0];
        Assert.Equal(logicalType, property.LogicalType);
        Assert.NotNull(ContractTypes.CanonicalPhysicalType(ContractTypes.WarehouseType(property)));
    }

    public static TheoryData<string, string> Accepted => new()
    {
        { "no models at all", Header },
        { "a model without fields", Header + "models:\n  events:\n    type: object\n    description: In the registry\n" },
        { "every info, terms, links and tags field", """
            dataContractSpecification: 1.1.0
            id: orders
            info:
              title: Orders
              version: 2.0.0
              status: active
              description: Orders
              owner: checkout
              contact:
                name: Checkout team
                url: https://teams.example.com/checkout
                email: checkout@example.com
              x-internal-id: 42
            terms:
              usage: Analytics
              limitations: Not for marketing
              policies:
                - name: privacy-policy
                  url: https://example.com/privacy
              billing: free
              noticePeriod: P3M
            links:
              catalog: https://catalog.example.com/orders
            tags: [checkout]
            """ },
        { "every service level", Header + """
            servicelevels:
              availability:
                description: Business hours
                percentage: 99.9%
              retention:
                period: P1Y
                unlimited: false
                timestampField: orders.order_ts
              latency:
                threshold: 25h
                sourceTimestampField: orders.order_ts
                processedTimestampField: orders.processed_ts
              freshness:
                threshold: 1 week
                timestampField: orders.order_ts
              frequency:
                type: micro-batching
                interval: daily
                cron: 0 0 * * *
              support:
                time: 9am to 5pm
                responseTime: 1h
              backup:
                interval: weekly
                cron: 0 0 * * 0
                recoveryTime: 24 hours
                recoveryPoint: 1 week
            """ },
        { "every field constraint, nested fields, items, keys and values", Field("""
                  order_id:
                    type: string
                    title: Order
                    description: The id
                    required: true
                    unique: true
                    primaryKey: true
                    format: uuid
                    minLength: 36
                    maxLength: 36
                    pattern: "^[0-9a-f-]+$"
                    example: 6f3c
                    examples: [6f3c]
                    pii: false
                    classification: internal
                    tags: [id]
                    links:
                      glossary: https://glossary.example.com/order
                    config:
                      avroType: string
                    lineage:
                      inputFields: []
                    references: orders.id
                  amount:
                    type: decimal
                    precision: 10
                    scale: 2
                    minimum: 0
                    exclusiveMaximum: 1000000
                    enum: ["1", "2"]
                  address:
                    type: object
                    fields:
                      city:
                        type: string
                  lines:
                    type: array
                    items:
                      type: record
                      fields:
                        sku:
                          type: string
                  attributes:
                    type: map
                    keys:
                      type: string
                    values:
                      type: variant
                  ref_field:
                    $ref: "#/definitions/order_id"
            """) },
        { "models with every model field and quality type", Header + """
            models:
              orders:
                type: table
                title: Orders
                description: One row per order
                primaryKey: [order_id]
                additionalFields: false
                examples:
                  - order_id: a
                config:
                  bigqueryTable: orders
                fields:
                  order_id:
                    type: string
                    quality:
                      - type: library
                        metric: nullValues
                        mustBe: 0
                quality:
                  - type: text
                    description: Orders are never deleted.
                  - type: sql
                    query: SELECT COUNT(*) FROM orders
                    dialect: duckdb
                    mustBeGreaterThan: 0
                  - type: library
                    metric: rowCount
                    arguments:
                      validValues: [a]
                    mustBeBetween: [1, 10]
                  - type: custom
                    engine: soda
                    implementation:
                      - duplicate_count(order_id) = 0
            """ },
        { "definitions", Header + """
            definitions:
              checkout/order_id:
                type: string
                title: Order id
                domain: checkout
                name: order_id
                format: uuid
            """ },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parse_ContractTheSpecAccepts_HasNoErrors(string branch, string yaml)
    {
        Assert.NotEmpty(branch);
        AssertAccepted(yaml);
    }

    public static TheoryData<string, string> Servers => new()
    {
        { "bigquery", "project: p\n    dataset: d" },
        { "postgres", "host: h\n    port: 5432\n    database: d\n    schema: s" },
        { "s3", "location: s3://b/p" },
        { "sftp", "location: sftp://h/p" },
        { "redshift", "account: a\n    database: d\n    schema: s" },
        { "azure", "location: abfss://x\n    format: parquet" },
        { "sqlserver", "host: h\n    database: d\n    schema: s" },
        { "snowflake", "account: a\n    database: d\n    schema: s" },
        { "databricks", "catalog: c\n    schema: s" },
        { "glue", "account: a\n    database: d" },
        { "oracle", "host: h\n    port: 1521\n    serviceName: s" },
        { "kafka", "host: h\n    topic: t" },
        { "pubsub", "project: p\n    topic: t" },
        { "kinesis", "stream: s" },
        { "trino", "host: h\n    port: 8080\n    catalog: c\n    schema: s" },
        { "clickhouse", "host: h\n    port: 9000\n    database: d" },
        { "local", "path: ./x.csv\n    format: csv" },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public void Parse_EveryServerTypeWithItsRequiredFields_IsAccepted(string type, string fields)
    {
        AssertAccepted(Header + $"servers:\n  production:\n    type: {type}\n    environment: prod\n    {fields}\n");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Parse_ServerMissingAFieldItsTypeRequires_IsRefused(string type, string fields)
    {
        var lines = fields.Split("\n    ");
        var first = lines[0][..lines[0].IndexOf(':', StringComparison.Ordinal)];
        AssertRefused(Header + $"servers:\n  production:\n    type: {type}\n    {string.Join("\n    ", lines.Skip(1))}\n", "servers.production." + first, "is required");
    }

    [Theory]
    [InlineData("dataContractSpecification: 1.2.1\n", "dataContractSpecification: [1.2.1]\n", "dataContractSpecification", "must be a string")]
    [InlineData("dataContractSpecification: 1.2.1\n", "dataContractSpecification: 2.0.0\n", "dataContractSpecification", "'2.0.0' is not one of: 1.2.1")]
    [InlineData("dataContractSpecification: 1.2.1\n", "dataContractSpecification: 1.0.0\n", "dataContractSpecification", "'1.0.0' is not one of")]
    [InlineData("id: urn:datacontract:conformance\n", "", "id", "is required")]
    [InlineData("  title: Conformance\n", "", "info.title", "is required")]
    [InlineData("  version: 1.0.0\n", "", "info.version", "is required")]
    [InlineData("  version: 1.0.0\n", "  version: 1\n", "info.version", "must be a string")]
    public void Parse_HeaderFieldMissingOrWrong_IsRefused(string replace, string with, string path, string fragment)
    {
        AssertRefused(Header.Replace(replace, with, StringComparison.Ordinal) + "models:\n  t:\n    fields:\n      a:\n        type: string\n", path, fragment);
    }

    [Fact]
    public void Parse_NoInfo_IsRefused()
    {
        AssertRefused("dataContractSpecification: 1.2.1\nid: x\n", "info", "is required");
    }

    [Theory]
    [InlineData("models: {}\n", "models", "at least 1 entry")]
    [InlineData("models:\n  \"bad name\":\n    type: table\n", "models.bad name", "must match")]
    [InlineData("models:\n  t:\n    type: stream\n", "models.t.type", "'stream' is not one of: table, view, object")]
    [InlineData("models:\n  t:\n    primaryKey: id\n", "models.t.primaryKey", "must be a list")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: bignumber\n", "models.t.fields.a.type", "'bignumber' is not one of")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: string\n        enum: [a, b, a]\n", "models.t.fields.a.enum[2]", "must be unique")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        required: \"yes\"\n", "models.t.fields.a.required", "must be true or false")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: int\n        minimum: low\n", "models.t.fields.a.minimum", "must be a number")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: array\n        items:\n          type: blob\n", "models.t.fields.a.items.type", "'blob' is not one of")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: object\n        fields:\n          b:\n            type: blob\n", "models.t.fields.a.fields.b.type", "'blob' is not one of")]
    [InlineData("models:\n  t:\n    fields:\n      a:\n        type: string\n        links:\n          \"a b\": https://x\n", "models.t.fields.a.links.a b", "must match")]
    [InlineData("servicelevels:\n  availability:\n    percentage: \"99.9\"\n", "servicelevels.availability.percentage", "must match")]
    [InlineData("servicelevels:\n  retention:\n    unlimited: forever\n", "servicelevels.retention.unlimited", "must be true or false")]
    [InlineData("servicelevels:\n  frequency:\n    type: hourly\n", "servicelevels.frequency.type", "'hourly' is not one of: batch")]
    [InlineData("servers:\n  prod:\n    host: h\n", "servers.prod.type", "is required")]
    [InlineData("servers:\n  prod:\n    type: sftp\n    location: https://h\n", "servers.prod.location", "must match ^sftp://")]
    [InlineData("servers:\n  prod:\n    type: s3\n    location: s3://b\n    format: xml\n", "servers.prod.format", "'xml' is not one of")]
    [InlineData("servers:\n  prod:\n    type: postgres\n    host: h\n    port: high\n    database: d\n    schema: s\n", "servers.prod.port", "must be an integer")]
    [InlineData("definitions:\n  order_id:\n    title: no type\n", "definitions.order_id.type", "is required")]
    [InlineData("links:\n  \"a b\": https://x\n", "links.a b", "must match")]
    [InlineData("tags: a\n", "tags", "must be a list")]
    [InlineData("terms: free\n", "terms", "must be an object")]
    [InlineData("servers:\n  prod: 5\n", "servers.prod", "must be an object (type and the type's connection fields)")]
    [InlineData("models:\n  t: 5\n", "models.t", "must be an object (a model with fields)")]
    [InlineData("definitions:\n  d: 5\n", "definitions.d", "must be an object (a definition with type)")]
    [InlineData("models:\n  t:\n    fields:\n      a: 5\n", "models.t.fields.a", "must be an object (a field with type)")]
    public void Parse_BranchViolation_IsRefusedAtItsPath(string yaml, string path, string fragment)
    {
        AssertRefused(Header + yaml, path, fragment);
    }

    [Theory]
    [InlineData("type: magic\n          description: x", "type", "'magic' is not one of: text, library, sql, custom")]
    [InlineData("type: text", "description", "is required")]
    [InlineData("type: sql\n          mustBe: 0", "query", "is required")]
    [InlineData("type: sql\n          query: SELECT 1\n          mustBe: zero", "mustBe", "must be a number")]
    [InlineData("type: library\n          rule: nullValues\n          mustBe: 0", "metric", "is required")]
    [InlineData("type: library\n          metric: rowCount\n          mustBeBetween: [1]", "mustBeBetween", "at least 2 items")]
    [InlineData("type: custom\n          implementation: x", "engine", "is required")]
    [InlineData("description: a rule without a type", "query", "is required")]
    public void Parse_QualityBranchViolation_IsRefusedAtItsPath(string rule, string path, string fragment)
    {
        AssertRefused(Header + "models:\n  t:\n    quality:\n      - " + rule.Replace("\n          ", "\n        ", StringComparison.Ordinal) + "\n    fields:\n      a:\n        type: string\n", "models.t.quality[0]." + path, fragment);
    }

    [Fact]
    public void Parse_ChurnOpsAdviceOnValidContract_IsWarningsOnly()
    {
        var result = ContractParser.Parse(Header.Replace("version: 1.0.0", "version: v7", StringComparison.Ordinal) + """
            models:
              t:
                fields:
                  a:
                    type: int
                    minimum: 9
                    maximum: 1
            servicelevels:
              freshness:
                threshold: a fortnight
              retention:
                period: until the customer leaves
            """);

        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
        Assert.Contains(result.Issues, i => i is { Severity: ContractIssueSeverity.Warning, Path: "version" });
        Assert.Contains(result.Issues, i => i is { Severity: ContractIssueSeverity.Warning, Path: "models.t.fields.a.logicalTypeOptions" });
        Assert.Contains(result.Issues, i => i is { Severity: ContractIssueSeverity.Warning, Path: "servicelevels.freshness.threshold" });
        Assert.Contains(result.Issues, i => i is { Severity: ContractIssueSeverity.Warning, Path: "servicelevels.retention.period" });
    }

    [Fact]
    public void Parse_RetentionInYears_IsADuration()
    {
        var contract = ContractParser.Parse(Header + "servicelevels:\n  retention:\n    period: 2y\n").Contract!;

        Assert.Equal(TimeSpan.FromDays(730), contract.FindSla("retention")!.Duration);
    }
}
