using static ChurnOps.Core.Tests.Contracts.SchemaConformance;

namespace ChurnOps.Core.Tests.Generality;

/// <summary>
/// Servers as each ODCS version's JSON Schema has them (schema/odcs-json-schema-v3.0.2.json and v3.1.0.json): v3.1.0 adds
/// the hive, impala and zen servers, turns the file servers' format and delimiter enums into examples and types duckdb's
/// schema as a string; a v3.0.2 document keeps the 3.0.2 rules.
/// </summary>
public sealed class OdcsServerVersionTests
{
    private static string Contract(string apiVersion, string server) =>
        $"apiVersion: {apiVersion}\nkind: DataContract\nid: servers\nversion: 1.0.0\nstatus: active\nservers:\n  - server: s\n{server}";

    [Theory]
    [InlineData("    type: hive\n    host: h\n    port: 10000\n    database: d\n")]
    [InlineData("    type: impala\n    host: h\n    database: d\n")]
    [InlineData("    type: zen\n    host: h\n    port: 1583\n    database: d\n")]
    [InlineData("    type: s3\n    location: s3://bucket/path/\n    format: avro\n")]
    [InlineData("    type: azure\n    location: az://c/p\n    format: orc\n    delimiter: ','\n")]
    [InlineData("    type: sftp\n    location: sftp://h/p\n    format: csv\n    delimiter: ';'\n")]
    [InlineData("    type: duckdb\n    database: lake.duckdb\n    schema: main\n")]
    [InlineData("    type: custom\n    stream: events\n")]
    public void Lint_V310ServerTheV310SchemaAccepts_IsValid(string server) => AssertAccepted(Contract("v3.1.0", server));

    [Theory]
    [InlineData("    type: hive\n    host: h\n    database: d\n", "servers[0].type", "'hive' is not one of")]
    [InlineData("    type: s3\n    location: s3://b\n    format: avro\n", "servers[0].format", "'avro' is not one of: parquet, delta, json, csv")]
    [InlineData("    type: duckdb\n    database: d\n    schema: main\n", "servers[0].schema", "must be an integer")]
    public void Lint_V302ServerOnlyV310Allows_RefusedAtItsPath(string server, string path, string fragment) =>
        AssertRefused(Contract("v3.0.2", server), path, fragment);

    [Theory]
    [InlineData("    type: hive\n    port: 10000\n", "servers[0].host", "is required")]
    [InlineData("    type: zen\n    host: h\n", "servers[0].database", "is required")]
    [InlineData("    type: impala\n    host: h\n    database: d\n    port: high\n", "servers[0].port", "must be an integer")]
    [InlineData("    type: mongodb\n", "servers[0].type", "'mongodb' is not one of")]
    public void Lint_V310ServerTheV310SchemaRefuses_RefusedAtItsPath(string server, string path, string fragment) =>
        AssertRefused(Contract("v3.1.0", server), path, fragment);
}
