using YamlDotNet.RepresentationModel;
using F = System.Collections.Generic.Dictionary<string, ChurnOps.Core.Contracts.ShapeValue>;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// The Data Contract Specification 1.2.1 JSON Schema (datacontract/datacontract-specification, datacontract.schema.json),
/// transcribed branch by branch: required fields, the spec's version and field-type enums, per-type servers, quality types,
/// service levels. The spec leaves its objects open, so unknown keys are never refused here.
/// </summary>
internal static class DcsSchemaChecks
{
    public static readonly string[] SpecVersions = ["1.2.1", "1.2.0", "1.1.0", "0.9.3", "0.9.2", "0.9.1", "0.9.0"];

    public static readonly string[] FieldTypes =
    [
        "number", "decimal", "numeric", "int", "integer", "long", "bigint", "float", "double", "string", "text", "varchar", "boolean",
        "timestamp", "timestamp_tz", "timestamp_ntz", "date", "time", "array", "map", "object", "record", "struct", "bytes", "variant",
        "json", "null",
    ];

    private const string NamePattern = "^[a-zA-Z0-9_-]+$";

    private static readonly ShapeValue Links = ShapeValue.MapOf(ShapeValue.String) with { MinItems = 1, Pattern = NamePattern };

    private static readonly ShapeValue Between = ShapeValue.ArrayOf(ShapeValue.Number) with { MinItems = 2, MaxItems = 2 };

    private static readonly F Comparisons = new()
    {
        ["mustBeGreaterThan"] = ShapeValue.Number, ["mustBeGreaterOrEqualTo"] = ShapeValue.Number, ["mustBeLessThan"] = ShapeValue.Number,
        ["mustBeLessOrEqualTo"] = ShapeValue.Number, ["mustBeBetween"] = Between, ["mustNotBeBetween"] = Between,
    };

    private static readonly ContractShape Top = ContractShape.Open("a Data Contract Specification contract", new F
    {
        ["dataContractSpecification"] = ShapeValue.OneOf(SpecVersions),
        ["id"] = ShapeValue.String,
        ["info"] = ShapeValue.Of(ContractShape.Open("info", new F
        {
            ["title"] = ShapeValue.String, ["version"] = ShapeValue.String, ["status"] = ShapeValue.String, ["description"] = ShapeValue.String,
            ["owner"] = ShapeValue.String,
            ["contact"] = ShapeValue.Of(ContractShape.Open("contact", new F { ["name"] = ShapeValue.String, ["url"] = ShapeValue.String, ["email"] = ShapeValue.String })),
        }, "title", "version")),
        ["servers"] = ShapeValue.MapOf(ShapeValue.Delegated),
        ["terms"] = ShapeValue.Of(ContractShape.Open("terms", new F
        {
            ["usage"] = ShapeValue.String, ["limitations"] = ShapeValue.String, ["policies"] = ShapeValue.ArrayOf(ShapeValue.Of(ContractShape.Open("a policy", new F()))),
            ["billing"] = ShapeValue.String, ["noticePeriod"] = ShapeValue.String,
        })),
        ["models"] = ShapeValue.MapOf(ShapeValue.Delegated) with { MinItems = 1, Pattern = NamePattern },
        ["definitions"] = ShapeValue.MapOf(ShapeValue.Delegated) with { Pattern = "^[a-zA-Z0-9/_-]+$" },
        ["servicelevels"] = ShapeValue.Of(ContractShape.Open("servicelevels", new F
        {
            ["availability"] = Level("availability", ("percentage", ShapeValue.String with { Pattern = @"^\d+(\.\d+)?%$" })),
            ["retention"] = Level("retention", ("period", ShapeValue.String), ("unlimited", ShapeValue.Boolean), ("timestampField", ShapeValue.String)),
            ["latency"] = Level("latency", ("threshold", ShapeValue.String), ("sourceTimestampField", ShapeValue.String), ("processedTimestampField", ShapeValue.String)),
            ["freshness"] = Level("freshness", ("threshold", ShapeValue.String), ("timestampField", ShapeValue.String)),
            ["frequency"] = Level("frequency", ("type", ShapeValue.OneOf("batch", "micro-batching", "streaming", "manual")), ("interval", ShapeValue.String), ("cron", ShapeValue.String)),
            ["support"] = Level("support", ("time", ShapeValue.String), ("responseTime", ShapeValue.String)),
            ["backup"] = Level("backup", ("interval", ShapeValue.String), ("cron", ShapeValue.String), ("recoveryTime", ShapeValue.String), ("recoveryPoint", ShapeValue.String)),
        })),
        ["links"] = Links,
        ["tags"] = ShapeValue.Strings,
    }, "dataContractSpecification", "id", "info");

    private static readonly ContractShape Model = ContractShape.Open("a model", new F
    {
        ["description"] = ShapeValue.String, ["type"] = ShapeValue.OneOf("table", "view", "object"), ["title"] = ShapeValue.String,
        ["fields"] = ShapeValue.MapOf(ShapeValue.Delegated), ["primaryKey"] = ShapeValue.Strings, ["quality"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
        ["examples"] = ShapeValue.ArrayOf(ShapeValue.Any), ["additionalFields"] = ShapeValue.Boolean, ["config"] = ShapeValue.Of(ContractShape.Open("config", new F())),
    });

    private static readonly ContractShape Field = ContractShape.Open("a field", new F
    {
        ["description"] = ShapeValue.String, ["title"] = ShapeValue.String, ["type"] = ShapeValue.OneOf(FieldTypes), ["required"] = ShapeValue.Boolean,
        ["fields"] = ShapeValue.MapOf(ShapeValue.Delegated), ["items"] = ShapeValue.Delegated, ["keys"] = ShapeValue.Delegated, ["values"] = ShapeValue.Delegated,
        ["primary"] = ShapeValue.Boolean, ["primaryKey"] = ShapeValue.Boolean, ["references"] = ShapeValue.String, ["unique"] = ShapeValue.Boolean,
        ["enum"] = ShapeValue.ArrayOf(ShapeValue.String) with { UniqueItems = true }, ["minLength"] = ShapeValue.Integer, ["maxLength"] = ShapeValue.Integer, ["format"] = ShapeValue.String,
        ["precision"] = ShapeValue.Number, ["scale"] = ShapeValue.Number, ["pattern"] = ShapeValue.String, ["minimum"] = ShapeValue.Number,
        ["exclusiveMinimum"] = ShapeValue.Number, ["maximum"] = ShapeValue.Number, ["exclusiveMaximum"] = ShapeValue.Number, ["example"] = ShapeValue.String,
        ["examples"] = ShapeValue.ArrayOf(ShapeValue.Any), ["pii"] = ShapeValue.Boolean, ["classification"] = ShapeValue.String, ["tags"] = ShapeValue.Strings,
        ["links"] = Links, ["$ref"] = ShapeValue.String, ["quality"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
        ["lineage"] = ShapeValue.Of(ContractShape.Open("lineage", new F())), ["config"] = ShapeValue.Of(ContractShape.Open("config", new F())),
    });

    private static readonly ContractShape Quality = ContractShape.Open("a quality rule", new F
    {
        ["type"] = ShapeValue.OneOf("text", "library", "sql", "custom"), ["description"] = ShapeValue.String,
    });

    private static readonly ContractShape Server = ContractShape.Open("a server", new F
    {
        ["description"] = ShapeValue.String, ["environment"] = ShapeValue.String, ["type"] = ShapeValue.String, ["roles"] = ShapeValue.ArrayOf(ShapeValue.Any),
    }, "type");

    private static readonly Dictionary<string, ContractShape> ServerByType = BuildServers();

    public static void Check(ContractYamlReader issues, YamlMappingNode root)
    {
        ContractShapeChecker.Check(issues, root, string.Empty, Top);
        foreach (var (server, at) in NamedObjects(issues, root, "servers", "must be an object (type and the type's connection fields)"))
        {
            ContractShapeChecker.Check(issues, server, at, Server);
            if ((ContractYamlReader.Child(server, "type") as YamlScalarNode)?.Value is { } type && ServerByType.TryGetValue(type, out var branch))
            {
                ContractShapeChecker.Check(issues, server, at, branch);
            }
        }

        foreach (var (model, at) in NamedObjects(issues, root, "models", "must be an object (a model with fields)"))
        {
            ContractShapeChecker.Check(issues, model, at, Model);
            CheckFields(issues, model, at);
            CheckQuality(issues, model, at);
        }

        foreach (var (definition, at) in NamedObjects(issues, root, "definitions", "must be an object (a definition with type)"))
        {
            CheckField(issues, definition, at);
            if (ContractYamlReader.Child(definition, "type") is null)
            {
                issues.Error(definition, at + ".type", "is required (a definition)");
            }
        }
    }

    /// <summary>
    /// The entries of the map under <paramref name="key"/> (the spec keys servers, models, definitions and fields by name)
    /// that are objects, each with its path; an entry that is not an object is reported with <paramref name="notAnObject"/>
    /// and skipped. <paramref name="path"/> is the owner's own path, empty at the root.
    /// </summary>
    private static IEnumerable<(YamlMappingNode Map, string At)> NamedObjects(
        ContractYamlReader issues, YamlMappingNode owner, string key, string notAnObject, string path = "")
    {
        if (ContractYamlReader.Child(owner, key) is not YamlMappingNode entries)
        {
            yield break;
        }

        var prefix = path.Length == 0 ? key : $"{path}.{key}";
        foreach (var (name, value) in entries.Children)
        {
            var at = $"{prefix}.{ContractShapeChecker.PathSegment(((YamlScalarNode)name).Value ?? string.Empty)}";
            if (value is YamlMappingNode map)
            {
                yield return (map, at);
            }
            else
            {
                issues.Error(value, at, notAnObject);
            }
        }
    }

    private static ShapeValue Level(string name, params (string Key, ShapeValue Value)[] fields)
    {
        var map = new F { ["description"] = ShapeValue.String };
        foreach (var (key, value) in fields)
        {
            map[key] = value;
        }

        return ShapeValue.Of(ContractShape.Open(name, map));
    }

    private static void CheckFields(ContractYamlReader issues, YamlMappingNode owner, string path)
    {
        foreach (var (field, at) in NamedObjects(issues, owner, "fields", "must be an object (a field with type)", path))
        {
            CheckField(issues, field, at);
        }
    }

    private static void CheckField(ContractYamlReader issues, YamlMappingNode field, string at)
    {
        ContractShapeChecker.Check(issues, field, at, Field);
        CheckFields(issues, field, at);
        CheckQuality(issues, field, at);
        foreach (var nested in (string[])["items", "keys", "values"])
        {
            if (ContractYamlReader.Child(field, nested) is { } node)
            {
                if (node is YamlMappingNode map)
                {
                    CheckField(issues, map, $"{at}.{nested}");
                }
                else
                {
                    issues.Error(node, $"{at}.{nested}", "must be an object (a field)");
                }
            }
        }
    }

    private static void CheckQuality(ContractYamlReader issues, YamlMappingNode owner, string path)
    {
        foreach (var (rule, at) in ContractShapeChecker.QualityRules(issues, owner, path, Quality))
        {
            var type = (ContractYamlReader.Child(rule, "type") as YamlScalarNode)?.Value;
            // The spec's if/then branches test type without requiring it: a rule with no type must satisfy every branch.
            if (type is null or "text")
            {
                ContractShapeChecker.Check(issues, rule, at, ContractShape.Open("a text quality rule", new F(), "description"));
            }

            if (type is null or "sql")
            {
                ContractShapeChecker.Check(issues, rule, at, ContractShape.Open("a sql quality rule", new F(Comparisons)
                {
                    ["query"] = ShapeValue.String, ["dialect"] = ShapeValue.String, ["mustBe"] = ShapeValue.Number, ["mustNotBe"] = ShapeValue.Number,
                    ["mustBeGreaterThanOrEqualTo"] = ShapeValue.Number, ["mustBeLessThanOrEqualTo"] = ShapeValue.Number,
                }, "query"));
            }

            if (type is null or "library")
            {
                ContractShapeChecker.Check(issues, rule, at, ContractShape.Open("a library quality rule", new F(Comparisons)
                {
                    ["metric"] = ShapeValue.String, ["rule"] = ShapeValue.String, ["arguments"] = ShapeValue.Of(ContractShape.Open("arguments", new F())),
                }, "metric"));
            }

            if (type is null or "custom")
            {
                ContractShapeChecker.Check(issues, rule, at, ContractShape.Open("a custom quality rule", new F { ["engine"] = ShapeValue.String }, "engine"));
                if (ContractYamlReader.Child(rule, "implementation") is YamlScalarNode implementation && ContractShapeChecker.TypeOf(implementation) != ShapeKind.String)
                {
                    issues.Error(implementation, at + ".implementation", "must be a string, list or object");
                }
            }
        }
    }

    private static Dictionary<string, ContractShape> BuildServers()
    {
        var s = ShapeValue.String;
        var port = ShapeValue.Integer;
        var format = ShapeValue.OneOf("parquet", "delta", "json", "csv");
        var delimiter = ShapeValue.OneOf("new_line", "array");
        ContractShape Branch(string type, F fields, params string[] required) => ContractShape.Open($"a {type} server", fields, required);
        return new Dictionary<string, ContractShape>(StringComparer.Ordinal)
        {
            ["bigquery"] = Branch("bigquery", new F { ["project"] = s, ["dataset"] = s }, "project", "dataset"),
            ["postgres"] = Branch("postgres", new F { ["host"] = s, ["port"] = port, ["database"] = s, ["schema"] = s }, "host", "port", "database", "schema"),
            ["s3"] = Branch("s3", new F { ["location"] = s, ["endpointUrl"] = s, ["format"] = format, ["delimiter"] = delimiter }, "location"),
            ["sftp"] = Branch("sftp", new F { ["location"] = s with { Pattern = "^sftp://.*" }, ["format"] = format, ["delimiter"] = delimiter }, "location"),
            ["redshift"] = Branch("redshift", new F
            {
                ["account"] = s, ["host"] = s, ["database"] = s, ["schema"] = s, ["clusterIdentifier"] = s, ["port"] = port, ["endpoint"] = s,
            }, "account", "database", "schema"),
            ["azure"] = Branch("azure", new F { ["location"] = s, ["format"] = format, ["delimiter"] = delimiter }, "location", "format"),
            ["sqlserver"] = Branch("sqlserver", new F { ["host"] = s, ["port"] = port, ["database"] = s, ["schema"] = s }, "host", "database", "schema"),
            ["snowflake"] = Branch("snowflake", new F { ["account"] = s, ["database"] = s, ["schema"] = s }, "account", "database", "schema"),
            ["databricks"] = Branch("databricks", new F { ["host"] = s, ["catalog"] = s, ["schema"] = s }, "catalog", "schema"),
            ["dataframe"] = Branch("dataframe", new F()),
            ["glue"] = Branch("glue", new F { ["account"] = s, ["database"] = s, ["location"] = s, ["format"] = s }, "account", "database"),
            ["oracle"] = Branch("oracle", new F { ["host"] = s, ["port"] = port, ["serviceName"] = s }, "host", "port", "serviceName"),
            ["kafka"] = Branch("kafka", new F { ["host"] = s, ["topic"] = s, ["format"] = s }, "host", "topic"),
            ["pubsub"] = Branch("pubsub", new F { ["project"] = s, ["topic"] = s }, "project", "topic"),
            ["kinesis"] = Branch("kinesis", new F { ["stream"] = s, ["region"] = s, ["format"] = s }, "stream"),
            ["trino"] = Branch("trino", new F { ["host"] = s, ["port"] = port, ["catalog"] = s, ["schema"] = s }, "host", "port", "catalog", "schema"),
            ["clickhouse"] = Branch("clickhouse", new F { ["host"] = s, ["port"] = port, ["database"] = s }, "host", "port", "database"),
            ["local"] = Branch("local", new F { ["path"] = s, ["format"] = s }, "path", "format"),
        };
    }
}
