using ChurnOps.Core.Contracts;
using static ChurnOps.Core.Tests.Contracts.SchemaConformance;

namespace ChurnOps.Core.Tests.Contracts;

/// <summary>
/// One contract per branch of the ODCS v3.0.2 JSON Schema (and the v3.1.0 widenings its own examples use): what the schema
/// accepts lints without errors, what it refuses is an error at the right YAML path.
/// </summary>
public sealed class OdcsSchemaConformanceTests
{
    private const string Header = "apiVersion: v3.0.2\nkind: DataContract\nid: conformance\nversion: 1.0.0\nstatus: active\n";

    /// <summary>A table with one column whose YAML (properties-level, 6 spaces) is given.</summary>
    private static string Column(string column) => Header + "schema:\n  - name: t\n    properties:\n" + column;

    public static TheoryData<string, string> Accepted => new()
    {
        { "no schema: servers, roles, SLAs and stakeholders only", Header + """
            servers:
              - server: prod
                type: postgres
                host: db.example.com
                port: 5432
                database: crm
                schema: public
            roles:
              - role: crm_reader
                access: read
                firstLevelApprovers: Data Steward
            slaProperties:
              - property: retention
                value: 7
                unit: y
            team:
              - username: alice
                role: owner
            """ },
        { "a Kafka topic whose schema lives in a registry (no properties)", Header + """
            schema:
              - name: customer_events
                physicalName: customer-events
                physicalType: topic
                description: Avro schema in the registry
            """ },
        { "date bounds as dates, exclusive bounds as booleans", Column("""
                  - name: signup_date
                    logicalType: date
                    logicalTypeOptions:
                      format: yyyy-MM-dd
                      minimum: "2020-01-01"
                      maximum: "2030-12-31"
                      exclusiveMinimum: false
                      exclusiveMaximum: true
            """) },
        { "date exclusive bounds given as the dates themselves", Column("""
                  - name: signup_date
                    logicalType: date
                    logicalTypeOptions:
                      exclusiveMinimum: "2020-01-01"
                      exclusiveMaximum: "2030-01-01T00:00:00Z"
            """) },
        { "timestamp and time with their options", Column("""
                  - name: seen_at
                    logicalType: timestamp
                    logicalTypeOptions:
                      minimum: "2020-01-01T00:00:00Z"
                      timezone: true
                      defaultTimezone: UTC
                  - name: opens_at
                    logicalType: time
                    logicalTypeOptions:
                      format: HH:mm
            """) },
        { "integer and number options", Column("""
                  - name: tenure_months
                    logicalType: integer
                    logicalTypeOptions:
                      minimum: 0
                      maximum: 600
                      exclusiveMaximum: true
                      multipleOf: 1
                      format: i16
                  - name: monthly_charges
                    logicalType: number
                    logicalTypeOptions:
                      exclusiveMinimum: 0
                      maximum: 10000.0
                      format: f64
            """) },
        { "string options", Column("""
                  - name: customer_id
                    logicalType: string
                    logicalTypeOptions:
                      minLength: 8
                      maxLength: 8
                      pattern: "^C[0-9]{7}$"
                      format: uuid
            """) },
        { "object and array columns with nested properties and items", Column("""
                  - name: address
                    logicalType: object
                    logicalTypeOptions:
                      minProperties: 1
                      maxProperties: 5
                      required: [city]
                    properties:
                      - name: city
                        logicalType: string
                  - name: phone_numbers
                    logicalType: array
                    logicalTypeOptions:
                      minItems: 0
                      maxItems: 3
                      uniqueItems: true
                    items:
                      logicalType: string
                      logicalTypeOptions:
                        pattern: "^[+0-9 ]+$"
            """) },
        { "every property field of SchemaBaseProperty", Column("""
                  - name: plan
                    businessName: Subscription plan
                    physicalName: plan_code
                    physicalType: VARCHAR(16)
                    description: Plan at the end of the month
                    logicalType: boolean
                    logicalTypeOptions:
                      anything: goes for booleans
                    required: true
                    unique: false
                    primaryKey: false
                    primaryKeyPosition: -1
                    partitioned: true
                    partitionKeyPosition: 1
                    classification: internal
                    encryptedName: plan_enc
                    transformSourceObjects: [crm.plans]
                    transformLogic: select code from plans
                    transformDescription: Copied as is
                    examples: [true, false, null]
                    criticalDataElement: true
                    tags: [billing]
                    authoritativeDefinitions:
                      - url: https://wiki.example.com/plan
                        type: businessDefinition
                    customProperties:
                      - property: owner
                        value: billing-team
            """) },
        { "schema object fields", Header + """
            schema:
              - name: customers
                logicalType: object
                physicalName: crm.customers
                physicalType: table
                businessName: Customers
                description: One row per customer
                dataGranularityDescription: customer
                tags: [crm]
                authoritativeDefinitions:
                  - url: https://catalog.example.com/customers
                    type: catalog
                customProperties:
                  - property: refresh
                    value: { cron: "0 0 * * *" }
                properties:
                  - name: customer_id
                    logicalType: string
            """ },
        { "quality rules of every type, dimension and comparison", Column("""
                  - name: amount
                    logicalType: number
                    quality:
                      - rule: nullValues
                        mustBe: 0
                        dimension: completeness
                        severity: error
                        businessImpact: operational
                        method: reconciliation
                        schedule: "0 0 * * *"
                        scheduler: cron
                        unit: rows
                        tags: [finance]
                      - type: library
                        metric: duplicateValues
                        mustBeLessOrEqualTo: 0
                        dimension: uniqueness
                      - type: library
                        rule: freshness
                        mustBe: "fresh"
                        dimension: timeliness
                      - type: library
                        rule: rowCount
                        mustBeBetween: [1, 100]
                        dimension: coverage
                      - type: library
                        rule: nullValues
                        mustNotBeBetween: [5, 10]
                        dimension: accuracy
                      - type: library
                        rule: nullValues
                        mustBeGreaterThan: -1
                        dimension: conformity
                      - type: library
                        rule: nullValues
                        mustBeGreaterOrEqualTo: 0
                        dimension: consistency
                      - type: library
                        rule: nullValues
                        mustBeLessThan: 1
                      - type: text
                        description: Amounts are in euros.
                      - type: sql
                        query: SELECT COUNT(*) FROM ${object} WHERE ${property} < 0
                        mustBe: 0
                      - type: custom
                        engine: soda
                        implementation: "duplicate_count(amount) = 0"
                      - type: custom
                        engine: greatExpectations
                        implementation:
                          type: expect_column_values_to_not_be_null
                          kwargs: { column: amount }
                        authoritativeDefinitions:
                          - url: https://docs.example.com/ge
                            type: implementation
                        customProperties:
                          - property: team
                            value: dq
            """) },
        { "SLA properties of every shape", Header + """
            slaDefaultElement: t.updated_at
            slaProperties:
              - property: latency
                value: 4
                unit: d
                element: t.updated_at
              - property: retention
                value: 3
                unit: y
              - property: generalAvailability
                value: "2022-05-12T09:30:10-08:00"
              - property: endOfSupport
                value: null
              - property: frequency
                value: 1
                valueExt: 1
                unit: d
                driver: regulatory
              - property: completeness
                value: 99.5
                unit: percent
              - property: timeOfAvailability
                value: "09:00-08:00"
                valueExt: true
              - property: throughput
                value: true
            """ },
        { "top-level fields: tenant, tags, description, support, price, authoritativeDefinitions, customProperties", Header + """
            name: Customers
            tenant: acme
            tags: [churn, crm]
            domain: customer
            dataProduct: customer-360
            contractCreatedTs: "2024-05-01T10:00:00Z"
            description:
              purpose: Customer master data
              usage: Training and scoring
              limitations: EU customers only
              authoritativeDefinitions:
                - url: https://wiki.example.com/customers
                  type: businessDefinition
              customProperties:
                - property: sensitivity
                  value: high
            support:
              - channel: "#crm-help"
                tool: slack
                url: https://chat.example.com/crm-help
                scope: interactive
                description: Questions
                invitationUrl: https://chat.example.com/invite
              - channel: crm-announce
                tool: email
            price:
              priceAmount: 9.95
              priceCurrency: EUR
              priceUnit: megabyte
            authoritativeDefinitions:
              - url: https://catalog.example.com/c
                type: catalog
            customProperties:
              - property: refreshPolicy
                value: [daily, weekly]
              - value: a custom property without a name
            roles:
              - role: analyst
                description: Read access
                access: read
                secondLevelApprovers: Data Owner
                customProperties:
                  - property: ticket
                    value: 42
            team:
              - username: alice
                name: Alice
                description: Owner
                role: owner
                dateIn: "2024-01-01"
                dateOut: "2025-01-01"
                replacedByUsername: bob
              - name: A member without username
            """ },
        { "team as an object (v3.1 style)", Header + """
            team:
              name: Data Protection Office
              description: Protects data
              tags: [dpo]
              members:
                - username: dpo
                  role: owner
            """ },
        { "a v3.1.0 document with 3.1 additions", """
            apiVersion: v3.1.0
            kind: DataContract
            id: c31
            version: 2.0.0
            status: draft
            relationships: []
            schema:
              - name: t
                id: t_obj
                properties:
                  - name: c
                    id: c_prop
                    logicalType: string
                    quality:
                      - metric: nullValues
                        mustBe: 0
            """ },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parse_ContractTheSchemaAccepts_HasNoErrors(string branch, string yaml)
    {
        Assert.NotEmpty(branch);
        AssertAccepted(yaml);
    }

    [Theory]
    [InlineData("v3.0.0")]
    [InlineData("v3.0.1")]
    [InlineData("v3.0.2")]
    [InlineData("v3.1.0")]
    [InlineData("v2.2.2")]
    [InlineData("v2.2.1")]
    [InlineData("v2.2.0")]
    public void Parse_EveryApiVersionOfTheEnum_IsAccepted(string apiVersion)
    {
        AssertAccepted(Header.Replace("v3.0.2", apiVersion, StringComparison.Ordinal));
    }

    /// <summary>Each server type with exactly the fields its branch requires.</summary>
    public static TheoryData<string, string> Servers => new()
    {
        { "api", "location: https://api.example.com/v1" },
        { "athena", "stagingDir: s3://bucket/staging\n    schema: crm" },
        { "azure", "location: abfss://c@a.dfs.core.windows.net/x\n    format: delta" },
        { "bigquery", "project: p\n    dataset: d" },
        { "clickhouse", "host: h\n    port: 9000\n    database: d" },
        { "databricks", "catalog: c\n    schema: s" },
        { "denodo", "host: h\n    port: 9999" },
        { "dremio", "host: h\n    port: 9047" },
        { "duckdb", "database: /data/warehouse.duckdb" },
        { "glue", "account: \"123456789012\"\n    database: d" },
        { "cloudsql", "host: h\n    port: 5432\n    database: d\n    schema: s" },
        { "db2", "host: h\n    port: 50000\n    database: d" },
        { "informix", "host: h\n    database: d" },
        { "kafka", "host: broker:9092" },
        { "kinesis", "region: eu-west-1" },
        { "local", "path: ./data/*.csv\n    format: csv" },
        { "mysql", "host: h\n    port: 3306\n    database: d" },
        { "oracle", "host: h\n    port: 1521\n    serviceName: ORCL" },
        { "postgresql", "host: h\n    port: 5432\n    database: d\n    schema: s" },
        { "postgres", "host: h\n    port: 5432\n    database: d\n    schema: s" },
        { "presto", "host: h" },
        { "pubsub", "project: p" },
        { "redshift", "database: d\n    schema: s" },
        { "s3", "location: s3://bucket/path/*.parquet\n    format: parquet\n    delimiter: new_line" },
        { "sftp", "location: sftp://host/path\n    format: csv" },
        { "snowflake", "account: acme\n    database: d\n    schema: s" },
        { "sqlserver", "host: h\n    database: d\n    schema: s" },
        { "synapse", "host: h\n    port: 1433\n    database: d" },
        { "trino", "host: h\n    port: 8080\n    catalog: c\n    schema: s" },
        { "vertica", "host: h\n    port: 5433\n    database: d\n    schema: s" },
        { "custom", "endpointUrl: https://x.example.com\n    port: 1" },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public void Parse_EveryServerTypeWithItsRequiredFields_IsAccepted(string type, string fields)
    {
        AssertAccepted(Header + $"servers:\n  - server: s1\n    type: {type}\n    environment: prod\n    description: d\n    roles:\n      - role: r\n    {fields}\n");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Parse_ServerMissingAFieldItsTypeRequires_IsRefused(string type, string fields)
    {
        var lines = fields.Split("\n    ");
        if (type is "custom" or "kinesis")
        {
            return; // these branches require nothing beyond server and type
        }

        var first = lines[0][..lines[0].IndexOf(':', StringComparison.Ordinal)];
        var rest = string.Join("\n    ", lines.Skip(1));
        AssertRefused(Header + $"servers:\n  - server: s1\n    type: {type}\n    {rest}\n", "servers[0]." + first, "is required");
    }

    [Theory]
    // Required top-level fields.
    [InlineData("version: 1.0.0\n", "", "version", "is required")]
    [InlineData("apiVersion: v3.0.2\n", "", "apiVersion", "is required")]
    [InlineData("kind: DataContract\n", "", "kind", "is required")]
    [InlineData("id: conformance\n", "", "id", "is required")]
    [InlineData("status: active\n", "", "status", "is required")]
    // Enums and types at the top.
    [InlineData("apiVersion: v3.0.2\n", "apiVersion: v4.0.0\n", "apiVersion", "'v4.0.0' is not one of: v3.1.0")]
    [InlineData("kind: DataContract\n", "kind: DataProduct\n", "kind", "is not one of: DataContract")]
    [InlineData("version: 1.0.0\n", "version: 1.0\n", "version", "must be a string, not the number '1.0'")]
    [InlineData("status: active\n", "status: [active]\n", "status", "must be a string")]
    public void Parse_TopLevelFieldMissingOrWrong_IsRefused(string replace, string with, string path, string fragment)
    {
        AssertRefused(Header.Replace(replace, with, StringComparison.Ordinal), path, fragment);
    }

    [Theory]
    [InlineData("owner: alice\n", "owner", "is not a field of an ODCS contract")]
    [InlineData("description: Customer data\n", "description", "must be an object")]
    [InlineData("tags: [[a]]\n", "tags[0]", "must be a string")]
    [InlineData("servers:\n  - type: postgres\n    host: h\n    port: 1\n    database: d\n    schema: s\n", "servers[0].server", "is required")]
    [InlineData("servers:\n  - server: s\n", "servers[0].type", "is required")]
    [InlineData("servers:\n  - server: s\n    type: mongodb\n", "servers[0].type", "'mongodb' is not one of: api")]
    [InlineData("servers:\n  - server: s\n    type: postgres\n    host: h\n    port: five\n    database: d\n    schema: s\n", "servers[0].port", "must be an integer")]
    [InlineData("servers:\n  - server: s\n    type: s3\n    location: s3://b\n    format: xml\n", "servers[0].format", "'xml' is not one of: parquet, delta, json, csv")]
    [InlineData("servers:\n  - server: s\n    type: sftp\n    location: sftp://h\n    delimiter: tab\n", "servers[0].delimiter", "is not one of: new_line, array")]
    [InlineData("servers:\n  - server: s\n    type: duckdb\n    database: d\n    schema: main\n", "servers[0].schema", "must be an integer")]
    [InlineData("roles:\n  - access: read\n", "roles[0].role", "is required")]
    [InlineData("support:\n  - url: https://x\n", "support[0].channel", "is required")]
    [InlineData("price:\n  priceAmount: ten\n", "price.priceAmount", "must be a number")]
    [InlineData("price: 10\n", "price", "must be an object")]
    [InlineData("team:\n  - alice\n", "team[0]", "must be an object")]
    [InlineData("team:\n  - username: [alice]\n", "team[0].username", "must be a string")]
    [InlineData("slaProperties:\n  - value: 1\n", "slaProperties[0].property", "is required")]
    [InlineData("slaProperties:\n  - property: latency\n", "slaProperties[0].value", "is required")]
    [InlineData("slaProperties:\n  - property: latency\n    value: [1, 2]\n", "slaProperties[0].value", "must be a single value")]
    [InlineData("slaProperties:\n  - property: latency\n    value: 1\n    unit: 1\n", "slaProperties[0].unit", "must be a string")]
    [InlineData("authoritativeDefinitions:\n  - type: catalog\n", "authoritativeDefinitions[0].url", "is required")]
    [InlineData("authoritativeDefinitions:\n  - url: https://x\n", "authoritativeDefinitions[0].type", "is required")]
    [InlineData("customProperties:\n  property: a\n", "customProperties", "must be a list")]
    [InlineData("schema:\n  - physicalName: t\n", "schema[0].name", "is required")]
    [InlineData("schema:\n  - name: t\n    rows: 10\n", "schema[0].rows", "is not a field of a schema object")]
    [InlineData("schema:\n  - name: t\n    logicalType: table\n", "schema[0].logicalType", "'table' is not one of: object")]
    [InlineData("schema:\n  - name: t\n    properties: {a: 1}\n", "schema[0].properties", "must be a list")]
    [InlineData("schema: orders\n", "schema", "must be a list")]
    public void Parse_BranchViolation_IsRefusedAtItsPath(string yaml, string path, string fragment)
    {
        AssertRefused(Header + yaml, path, fragment);
    }

    [Theory]
    [InlineData("      - logicalType: string\n", "schema[0].properties[0].name", "is required")]
    [InlineData("      - name: c\n        nullable: true\n", "schema[0].properties[0].nullable", "is not a field of a property")]
    [InlineData("      - name: c\n        logicalType: text\n", "schema[0].properties[0].logicalType", "'text' is not one of")]
    [InlineData("      - name: c\n        required: \"yes\"\n", "schema[0].properties[0].required", "must be true or false, not the text 'yes'")]
    [InlineData("      - name: c\n        primaryKeyPosition: first\n", "schema[0].properties[0].primaryKeyPosition", "must be an integer")]
    [InlineData("      - name: c\n        logicalType: string\n        properties: []\n", "schema[0].properties[0].properties", "is not a field of a property")]
    [InlineData("      - name: c\n        logicalType: string\n        items: {logicalType: string}\n", "schema[0].properties[0].items", "is not a field of a property")]
    [InlineData("      - name: c\n        logicalType: string\n        logicalTypeOptions: {minimum: 1}\n", "schema[0].properties[0].logicalTypeOptions.minimum", "is not a field of string logicalTypeOptions")]
    [InlineData("      - name: c\n        logicalType: string\n        logicalTypeOptions: {minLength: -1}\n", "schema[0].properties[0].logicalTypeOptions.minLength", "must be at least 0")]
    [InlineData("      - name: c\n        logicalType: string\n        logicalTypeOptions: {maxLength: 2.5}\n", "schema[0].properties[0].logicalTypeOptions.maxLength", "must be an integer")]
    [InlineData("      - name: c\n        logicalType: integer\n        logicalTypeOptions: {format: i7}\n", "schema[0].properties[0].logicalTypeOptions.format", "'i7' is not one of: i8")]
    [InlineData("      - name: c\n        logicalType: integer\n        logicalTypeOptions: {minimum: \"1\"}\n", "schema[0].properties[0].logicalTypeOptions.minimum", "must be a number, not the text '1'")]
    [InlineData("      - name: c\n        logicalType: integer\n        logicalTypeOptions: {pattern: x}\n", "schema[0].properties[0].logicalTypeOptions.pattern", "is not a field of integer logicalTypeOptions")]
    [InlineData("      - name: c\n        logicalType: number\n        logicalTypeOptions: {format: f16}\n", "schema[0].properties[0].logicalTypeOptions.format", "'f16' is not one of: f32, f64")]
    [InlineData("      - name: c\n        logicalType: number\n        logicalTypeOptions: {multipleOf: -2}\n", "schema[0].properties[0].logicalTypeOptions.multipleOf", "must be at least 0")]
    [InlineData("      - name: c\n        logicalType: number\n        logicalTypeOptions: {exclusiveMinimum: \"0\"}\n", "schema[0].properties[0].logicalTypeOptions.exclusiveMinimum", "must be true or false or a number")]
    [InlineData("      - name: c\n        logicalType: date\n        logicalTypeOptions: {minimum: 2020}\n", "schema[0].properties[0].logicalTypeOptions.minimum", "must be a string, not the number '2020'")]
    [InlineData("      - name: c\n        logicalType: date\n        logicalTypeOptions: {minLength: 1}\n", "schema[0].properties[0].logicalTypeOptions.minLength", "is not a field of date logicalTypeOptions")]
    [InlineData("      - name: c\n        logicalType: object\n        logicalTypeOptions: {required: []}\n", "schema[0].properties[0].logicalTypeOptions.required", "at least 1 item")]
    [InlineData("      - name: c\n        logicalType: object\n        logicalTypeOptions: {required: [a, a]}\n", "schema[0].properties[0].logicalTypeOptions.required[1]", "must be unique")]
    [InlineData("      - name: c\n        logicalType: array\n        logicalTypeOptions: {uniqueItems: sometimes}\n", "schema[0].properties[0].logicalTypeOptions.uniqueItems", "must be true or false")]
    [InlineData("      - name: c\n        logicalType: array\n        items: [string]\n", "schema[0].properties[0].items", "must be an object")]
    [InlineData("      - name: c\n        logicalType: object\n        properties:\n          - logicalType: string\n", "schema[0].properties[0].properties[0].name", "is required")]
    [InlineData("      - name: c\n        logicalTypeOptions: [1]\n", "schema[0].properties[0].logicalTypeOptions", "must be an object")]
    [InlineData("      - name: c\n        examples: 5\n", "schema[0].properties[0].examples", "must be a list")]
    public void Parse_PropertyBranchViolation_IsRefusedAtItsPath(string column, string path, string fragment)
    {
        AssertRefused(Column(column), path, fragment);
    }

    [Theory]
    [InlineData("type: magic\n", "quality[0].type", "'magic' is not one of: text, library, sql, custom")]
    [InlineData("type: library\n  mustBe: 0\n", "quality[0].rule", "is required")]
    [InlineData("mustBe: 0\n", "quality[0].rule", "is required")]
    [InlineData("type: sql\n  mustBe: 0\n", "quality[0].query", "is required")]
    [InlineData("type: sql\n  query: [SELECT 1]\n", "quality[0].query", "must be a string")]
    [InlineData("type: custom\n  implementation: x\n", "quality[0].engine", "is required")]
    [InlineData("type: custom\n  engine: soda\n", "quality[0].implementation", "is required")]
    [InlineData("type: custom\n  engine: soda\n  implementation: 5\n", "quality[0].implementation", "must be a string or an object")]
    [InlineData("type: custom\n  engine: soda\n  implementation: [a]\n", "quality[0].implementation", "must be a string or an object")]
    [InlineData("rule: nullValues\n  dimension: speed\n", "quality[0].dimension", "'speed' is not one of: accuracy")]
    [InlineData("rule: rowCount\n  mustBeBetween: [1]\n", "quality[0].mustBeBetween", "at least 2 items")]
    [InlineData("rule: rowCount\n  mustBeBetween: [1, 2, 3]\n", "quality[0].mustBeBetween", "at most 2 items")]
    [InlineData("rule: rowCount\n  mustBeBetween: [5, 5]\n", "quality[0].mustBeBetween[1]", "must be unique")]
    [InlineData("rule: rowCount\n  mustNotBeBetween: [a, b]\n", "quality[0].mustNotBeBetween[0]", "must be a number")]
    [InlineData("rule: rowCount\n  mustBeGreaterThan: many\n", "quality[0].mustBeGreaterThan", "must be a number")]
    [InlineData("rule: rowCount\n  mustBe: 1\n  tags: a\n", "quality[0].tags", "must be a list")]
    public void Parse_QualityBranchViolation_IsRefusedAtItsPath(string rule, string path, string fragment)
    {
        AssertRefused(Header + "schema:\n  - name: t\n    quality:\n" + IndentRule(rule) + "    properties:\n      - name: c\n        logicalType: string\n", "schema[0]." + path, fragment);
    }

    private static string IndentRule(string rule) => "      - " + rule.Replace("\n  ", "\n        ", StringComparison.Ordinal);

    [Fact]
    public void Parse_ChurnOpsAdviceOnValidContract_IsWarningsOnly()
    {
        var result = ContractParser.Parse(Header.Replace("1.0.0", "2024-05", StringComparison.Ordinal) + """
            team:
              - role: owner
            slaProperties:
              - property: freshness
                value: soon
              - property: availability
                value: 250
            schema:
              - name: t
                properties:
                  - name: c
                    logicalType: integer
                    primaryKey: true
                    logicalTypeOptions:
                      minimum: 10
                      maximum: 1
                    quality:
                      - rule: rowCount
                        mustBeGreaterThan: 0
                        mustBeLessThan: 10
                        unit: bananas
                      - type: sql
                        query: SELECT 1
                  - name: C
                    logicalType: string
                    logicalTypeOptions:
                      pattern: "([a-z"
            """);

        Assert.True(result.Succeeded, string.Join(" | ", result.Issues));
        var paths = result.Issues.Where(i => i.Severity == ContractIssueSeverity.Warning).Select(i => i.Path).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "version", "team[0].username", "slaProperties[0]", "slaProperties[1]", "schema[0].properties[0]",
            "schema[0].properties[0].logicalTypeOptions", "schema[0].properties[0].quality[0]", "schema[0].properties[0].quality[0].mustBeLessThan",
            "schema[0].properties[0].quality[0].unit", "schema[0].properties[0].quality[1]", "schema[0].properties[1].name",
            "schema[0].properties[1].logicalTypeOptions.pattern",
        }, paths);
    }

    [Fact]
    public void Parse_RetentionInYearsAndOtherUnits_BecomeDurations()
    {
        var contract = ContractParser.Parse(Header + """
            slaProperties:
              - property: retention
                value: 3
                unit: y
              - property: latency
                value: 2
                unit: w
              - property: freshness
                value: 1
                unit: mo
            """).Contract!;

        Assert.Equal(TimeSpan.FromDays(3 * 365), contract.FindSla("retention")!.Duration);
        Assert.Equal(TimeSpan.FromDays(14), contract.FindSla("latency")!.Duration);
        Assert.Equal(TimeSpan.FromDays(30), contract.FindSla("freshness")!.Duration);
    }

    [Fact]
    public void Parse_DateBounds_AreNotTakenAsNumbers()
    {
        var contract = ContractParser.Parse(Column("""
                  - name: d
                    logicalType: date
                    logicalTypeOptions:
                      minimum: "2020-01-01"
                      exclusiveMaximum: "2030-01-01"
            """)).Contract!;

        var d = contract.Schema[0].Properties[0];
        Assert.Equal((null, null, null, null), (d.Minimum, d.Maximum, d.ExclusiveMinimum, d.ExclusiveMaximum));
    }

    [Fact]
    public void Parse_HugeUnknownKeyAndValue_MessagesStayShortAndPrintable()
    {
        var key = "k\u001b]0;title\u0007" + new string('x', 100_000);
        var result = ContractParser.Parse(Header + $"\"{key.Replace("\u001b", "\\e", StringComparison.Ordinal).Replace("\u0007", "\\a", StringComparison.Ordinal)}\": 1\nkind2: {new string('y', 100_000)}\n");

        Assert.False(result.Succeeded);
        Assert.All(result.Issues, i =>
        {
            Assert.True(i.Message.Length + i.Path.Length < 400, $"message of {i.Message.Length} chars, path of {i.Path.Length}");
            Assert.DoesNotContain(i.Message + i.Path, char.IsControl);
        });
    }
}
