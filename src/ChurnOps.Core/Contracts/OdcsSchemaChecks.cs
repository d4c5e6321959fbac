using YamlDotNet.RepresentationModel;
using F = System.Collections.Generic.Dictionary<string, ChurnOps.Core.Contracts.ShapeValue>;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// The Open Data Contract Standard v3.0.2 JSON Schema (bitol-io/open-data-contract-standard, schema/odcs-json-schema-v3.0.2.json),
/// transcribed branch by branch: required fields, enums, types, the per-logicalType logicalTypeOptions, the per-type quality
/// rules and servers, and the objects that refuse unknown keys.
/// Where v3.1.0 widened a branch, the wider one is used for every v3 document, because the standard's own v3.0.2 examples
/// rely on it: timestamp and time types, date bounds as text (exclusiveMinimum: "2020-01-01"), numeric exclusive bounds,
/// team as an object, support without url, quality rules naming a metric. A v3.1.0 document is not refused for keys
/// 3.0.2 does not know (3.1 adds fields this transcription does not list).
/// </summary>
internal static class OdcsSchemaChecks
{
    public static readonly string[] ApiVersions = ["v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0"];

    public static readonly string[] LogicalTypes = ["string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean"];

    public static readonly string[] ServerTypes =
    [
        "api", "athena", "azure", "bigquery", "clickhouse", "databricks", "denodo", "dremio", "duckdb", "glue", "cloudsql", "db2", "informix",
        "kafka", "kinesis", "local", "mysql", "oracle", "postgresql", "postgres", "presto", "pubsub", "redshift", "s3", "sftp", "snowflake",
        "sqlserver", "synapse", "trino", "vertica", "custom",
    ];

    /// <summary>v3.1.0 adds the hive, impala and zen servers.</summary>
    public static readonly string[] ServerTypesV31 = [.. ServerTypes, "hive", "impala", "zen"];

    private static readonly string[] FileFormats = ["parquet", "delta", "json", "csv"];
    private static readonly string[] Delimiters = ["new_line", "array"];

    private static readonly ShapeValue AuthoritativeDefinitions = ShapeValue.ArrayOf(ShapeValue.Of(ContractShape.Open(
        "an authoritative definition", new F { ["url"] = ShapeValue.String, ["type"] = ShapeValue.String }, "url", "type")));

    private static readonly ShapeValue CustomProperties = ShapeValue.ArrayOf(ShapeValue.Of(ContractShape.Open(
        "a custom property", new F { ["property"] = ShapeValue.String, ["value"] = ShapeValue.Any })));

    private static readonly ContractShape Role = ContractShape.Open("a role", new F
    {
        ["role"] = ShapeValue.String, ["description"] = ShapeValue.String, ["access"] = ShapeValue.String,
        ["firstLevelApprovers"] = ShapeValue.String, ["secondLevelApprovers"] = ShapeValue.String, ["customProperties"] = CustomProperties,
    }, "role");

    private static readonly ContractShape TeamMember = ContractShape.Open("a team member", new F
    {
        ["username"] = ShapeValue.String, ["name"] = ShapeValue.String, ["description"] = ShapeValue.String, ["role"] = ShapeValue.String,
        ["dateIn"] = ShapeValue.String, ["dateOut"] = ShapeValue.String, ["replacedByUsername"] = ShapeValue.String,
    });

    /// <summary>v3.1.0's team object (3.0.2 has the bare list of members, still allowed).</summary>
    private static readonly ContractShape TeamObject = ContractShape.Open("a team", new F
    {
        ["name"] = ShapeValue.String, ["description"] = ShapeValue.String, ["members"] = ShapeValue.Delegated, ["tags"] = ShapeValue.Strings,
        ["customProperties"] = CustomProperties, ["authoritativeDefinitions"] = AuthoritativeDefinitions,
    });

    private static readonly ContractShape Sla = ContractShape.Open("an SLA property", new F
    {
        ["property"] = ShapeValue.String, ["value"] = ShapeValue.Scalar, ["valueExt"] = ShapeValue.Scalar, ["unit"] = ShapeValue.String,
        ["element"] = ShapeValue.String, ["driver"] = ShapeValue.String,
    }, "property", "value");

    private static readonly ContractShape Top = ContractShape.Shut("an ODCS contract", new F
    {
        ["version"] = ShapeValue.String,
        ["kind"] = ShapeValue.OneOf("DataContract"),
        ["apiVersion"] = ShapeValue.OneOf(ApiVersions),
        ["id"] = ShapeValue.String,
        ["name"] = ShapeValue.String,
        ["tenant"] = ShapeValue.String,
        ["tags"] = ShapeValue.Strings,
        ["status"] = ShapeValue.String,
        ["servers"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
        ["dataProduct"] = ShapeValue.String,
        ["description"] = ShapeValue.Of(ContractShape.Open("a description", new F
        {
            ["usage"] = ShapeValue.String, ["purpose"] = ShapeValue.String, ["limitations"] = ShapeValue.String,
            ["authoritativeDefinitions"] = AuthoritativeDefinitions, ["customProperties"] = CustomProperties,
        })),
        ["domain"] = ShapeValue.String,
        ["schema"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
        ["support"] = ShapeValue.ArrayOf(ShapeValue.Of(ContractShape.Open("a support channel", new F
        {
            ["channel"] = ShapeValue.String, ["url"] = ShapeValue.String, ["description"] = ShapeValue.String, ["tool"] = ShapeValue.String,
            ["scope"] = ShapeValue.String, ["invitationUrl"] = ShapeValue.String,
        }, "channel"))),
        ["price"] = ShapeValue.Of(ContractShape.Open("a price", new F
        {
            ["priceAmount"] = ShapeValue.Number, ["priceCurrency"] = ShapeValue.String, ["priceUnit"] = ShapeValue.String,
        })),
        ["team"] = ShapeValue.Delegated,
        ["roles"] = ShapeValue.ArrayOf(ShapeValue.Of(Role)),
        ["slaDefaultElement"] = ShapeValue.String,
        ["slaProperties"] = ShapeValue.ArrayOf(ShapeValue.Of(Sla)),
        ["authoritativeDefinitions"] = AuthoritativeDefinitions,
        ["customProperties"] = CustomProperties,
        ["contractCreatedTs"] = ShapeValue.String,
    }, "version", "apiVersion", "kind", "id", "status");

    private static readonly F SchemaElement = new()
    {
        ["name"] = ShapeValue.String, ["physicalType"] = ShapeValue.String, ["description"] = ShapeValue.String,
        ["businessName"] = ShapeValue.String, ["authoritativeDefinitions"] = AuthoritativeDefinitions, ["tags"] = ShapeValue.Strings,
        ["customProperties"] = CustomProperties,
    };

    private static readonly ContractShape SchemaObject = ContractShape.Shut("a schema object", SchemaElement, "name").With(new F
    {
        ["logicalType"] = ShapeValue.OneOf("object"), ["physicalName"] = ShapeValue.String, ["dataGranularityDescription"] = ShapeValue.String,
        ["properties"] = ShapeValue.ArrayOf(ShapeValue.Delegated), ["quality"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
    });

    private static readonly ContractShape PropertyBase = ContractShape.Shut("a property", SchemaElement).With(new F
    {
        ["primaryKey"] = ShapeValue.Boolean, ["primaryKeyPosition"] = ShapeValue.Integer, ["logicalType"] = ShapeValue.Delegated,
        ["logicalTypeOptions"] = ShapeValue.Delegated, ["physicalName"] = ShapeValue.String, ["required"] = ShapeValue.Boolean,
        ["unique"] = ShapeValue.Boolean, ["partitioned"] = ShapeValue.Boolean, ["partitionKeyPosition"] = ShapeValue.Integer,
        ["classification"] = ShapeValue.String, ["encryptedName"] = ShapeValue.String, ["transformSourceObjects"] = ShapeValue.Strings,
        ["transformLogic"] = ShapeValue.String, ["transformDescription"] = ShapeValue.String, ["examples"] = ShapeValue.ArrayOf(ShapeValue.Any),
        ["criticalDataElement"] = ShapeValue.Boolean, ["quality"] = ShapeValue.ArrayOf(ShapeValue.Delegated),
    });

    private static readonly F NumericOptions = new()
    {
        ["multipleOf"] = new ShapeValue(ShapeKind.Number) { Minimum = 0 }, ["maximum"] = ShapeValue.Number,
        ["exclusiveMaximum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.Number), ["minimum"] = ShapeValue.Number,
        ["exclusiveMinimum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.Number),
    };

    private static readonly Dictionary<string, ContractShape> OptionsByLogicalType = new(StringComparer.Ordinal)
    {
        ["string"] = ContractShape.Shut("string logicalTypeOptions", new F
        {
            ["minLength"] = ShapeValue.NonNegativeInteger, ["maxLength"] = ShapeValue.NonNegativeInteger, ["pattern"] = ShapeValue.String,
            ["format"] = ShapeValue.String,
        }),
        ["date"] = ContractShape.Shut("date logicalTypeOptions", new F
        {
            ["format"] = ShapeValue.String, ["exclusiveMaximum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.String), ["maximum"] = ShapeValue.String,
            ["exclusiveMinimum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.String), ["minimum"] = ShapeValue.String,
        }),
        ["integer"] = ContractShape.Shut("integer logicalTypeOptions", new F(NumericOptions)
        {
            ["format"] = ShapeValue.OneOf("i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"),
        }),
        ["number"] = ContractShape.Shut("number logicalTypeOptions", new F(NumericOptions) { ["format"] = ShapeValue.OneOf("f32", "f64") }),
        ["object"] = ContractShape.Shut("object logicalTypeOptions", new F
        {
            ["maxProperties"] = ShapeValue.NonNegativeInteger, ["minProperties"] = ShapeValue.NonNegativeInteger,
            ["required"] = ShapeValue.ArrayOf(ShapeValue.String) with { MinItems = 1, UniqueItems = true },
        }),
        ["array"] = ContractShape.Shut("array logicalTypeOptions", new F
        {
            ["maxItems"] = ShapeValue.NonNegativeInteger, ["minItems"] = ShapeValue.NonNegativeInteger, ["uniqueItems"] = ShapeValue.Boolean,
        }),
        // ODCS v3.1.0 (timestamp and time share one branch).
        ["timestamp"] = ContractShape.Shut("timestamp logicalTypeOptions", new F
        {
            ["format"] = ShapeValue.String, ["exclusiveMaximum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.String), ["maximum"] = ShapeValue.String,
            ["exclusiveMinimum"] = ShapeValue.Either(ShapeKind.Boolean, ShapeKind.String), ["minimum"] = ShapeValue.String, ["timezone"] = ShapeValue.Boolean,
            ["defaultTimezone"] = ShapeValue.String,
        }),
    };

    private static readonly ShapeValue Between = ShapeValue.ArrayOf(ShapeValue.Number) with { MinItems = 2, MaxItems = 2, UniqueItems = true };

    private static readonly ContractShape Quality = ContractShape.Open("a quality rule", new F
    {
        ["authoritativeDefinitions"] = AuthoritativeDefinitions, ["businessImpact"] = ShapeValue.String, ["customProperties"] = CustomProperties,
        ["description"] = ShapeValue.String,
        ["dimension"] = ShapeValue.OneOf("accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness"),
        ["method"] = ShapeValue.String, ["name"] = ShapeValue.String, ["schedule"] = ShapeValue.String, ["scheduler"] = ShapeValue.String,
        ["severity"] = ShapeValue.String, ["tags"] = ShapeValue.Strings, ["type"] = ShapeValue.OneOf("text", "library", "sql", "custom"),
        ["unit"] = ShapeValue.String,
    });

    private static readonly ContractShape LibraryQuality = ContractShape.Open("a library quality rule", new F
    {
        ["rule"] = ShapeValue.String, ["metric"] = ShapeValue.String, ["mustBeGreaterThan"] = ShapeValue.Number,
        ["mustBeGreaterOrEqualTo"] = ShapeValue.Number, ["mustBeLessThan"] = ShapeValue.Number, ["mustBeLessOrEqualTo"] = ShapeValue.Number,
        ["mustBeBetween"] = Between, ["mustNotBeBetween"] = Between,
    });

    private static readonly ContractShape SqlQuality = ContractShape.Open("a sql quality rule", new F { ["query"] = ShapeValue.String }, "query");

    private static readonly ContractShape CustomQuality = ContractShape.Open("a custom quality rule", new F
    {
        ["engine"] = ShapeValue.String, ["implementation"] = ShapeValue.Delegated,
    }, "engine", "implementation");

    private static readonly ContractShape Server = ContractShape.Open("a server", new F
    {
        ["server"] = ShapeValue.String, ["type"] = ShapeValue.OneOf(ServerTypes), ["description"] = ShapeValue.String,
        ["environment"] = ShapeValue.String, ["roles"] = ShapeValue.ArrayOf(ShapeValue.Of(Role)), ["customProperties"] = CustomProperties,
    }, "server", "type");

    private static readonly ContractShape ServerV31 = Server.With(new F { ["type"] = ShapeValue.OneOf(ServerTypesV31) });

    /// <summary>The per-type server branches: their required fields and the typed ones (everything else is a string).</summary>
    private static readonly Dictionary<string, ContractShape> ServerByType = BuildServers(v31: false);

    private static readonly Dictionary<string, ContractShape> ServerByTypeV31 = BuildServers(v31: true);

    public static void Check(ContractYamlReader issues, YamlMappingNode root)
    {
        var apiVersion = (ContractYamlReader.Child(root, "apiVersion") as YamlScalarNode)?.Value ?? string.Empty;
        var v31 = apiVersion.StartsWith("v3.1", StringComparison.Ordinal);
        ContractShapeChecker.Check(issues, root, string.Empty, v31 ? Open(Top) : Top);
        CheckTeam(issues, root);
        if (ContractYamlReader.Child(root, "servers") is YamlSequenceNode servers)
        {
            for (var i = 0; i < servers.Children.Count; i++)
            {
                CheckServer(issues, servers.Children[i], $"servers[{i}]", v31);
            }
        }

        if (ContractYamlReader.Child(root, "schema") is YamlSequenceNode schema)
        {
            for (var i = 0; i < schema.Children.Count; i++)
            {
                var at = $"schema[{i}]";
                if (schema.Children[i] is not YamlMappingNode table)
                {
                    issues.Error(schema.Children[i], at, "must be an object (a schema object with name and properties)");
                    continue;
                }

                ContractShapeChecker.Check(issues, table, at, v31 ? Open(SchemaObject) : SchemaObject);
                CheckProperties(issues, table, at, v31);
                CheckQuality(issues, table, at);
            }
        }
    }

    private static ContractShape Open(ContractShape shape) => shape with { Closed = false };

    private static void CheckTeam(ContractYamlReader issues, YamlMappingNode root)
    {
        var team = ContractYamlReader.Child(root, "team");
        var members = team;
        var path = "team";
        if (team is YamlMappingNode teamObject)
        {
            ContractShapeChecker.Check(issues, teamObject, path, TeamObject);
            members = ContractYamlReader.Child(teamObject, "members");
            path = "team.members";
        }

        if (members is null)
        {
            return;
        }

        ContractShapeChecker.CheckValue(issues, members, path, ShapeValue.ArrayOf(ShapeValue.Of(TeamMember)));
    }

    private static void CheckServer(ContractYamlReader issues, YamlNode node, string at, bool v31)
    {
        if (node is not YamlMappingNode server)
        {
            issues.Error(node, at, "must be an object (server, type and the type's connection fields)");
            return;
        }

        ContractShapeChecker.Check(issues, server, at, v31 ? ServerV31 : Server);
        if ((ContractYamlReader.Child(server, "type") as YamlScalarNode)?.Value is { } type && (v31 ? ServerByTypeV31 : ServerByType).TryGetValue(type, out var branch))
        {
            ContractShapeChecker.Check(issues, server, at, branch);
        }
    }

    private static void CheckProperties(ContractYamlReader issues, YamlMappingNode owner, string path, bool v31)
    {
        if (ContractYamlReader.Child(owner, "properties") is not YamlSequenceNode properties)
        {
            return;
        }

        for (var i = 0; i < properties.Children.Count; i++)
        {
            var at = $"{path}.properties[{i}]";
            if (properties.Children[i] is YamlMappingNode property)
            {
                CheckProperty(issues, property, at, v31, nameRequired: true);
            }
            else
            {
                issues.Error(properties.Children[i], at, "must be an object (a property with name and logicalType)");
            }
        }
    }

    private static void CheckProperty(ContractYamlReader issues, YamlMappingNode property, string at, bool v31, bool nameRequired)
    {
        var logicalType = (ContractYamlReader.Child(property, "logicalType") as YamlScalarNode)?.Value;
        var shape = nameRequired ? PropertyBase with { Required = ["name"] } : PropertyBase;
        // properties and items are evaluated only in the object and array branches; elsewhere unevaluatedProperties refuses them.
        shape = logicalType switch
        {
            "object" => shape.With(new F { ["properties"] = ShapeValue.ArrayOf(ShapeValue.Delegated) }),
            "array" => shape.With(new F { ["items"] = ShapeValue.Delegated }),
            _ => shape,
        };
        ContractShapeChecker.Check(issues, property, at, v31 ? Open(shape) : shape);
        CheckLogicalType(issues, property, at, logicalType);
        CheckQuality(issues, property, at);
        if (logicalType == "object" || v31)
        {
            CheckProperties(issues, property, at, v31);
        }

        if (ContractYamlReader.Child(property, "items") is { } items && (logicalType == "array" || v31))
        {
            if (items is YamlMappingNode itemMap)
            {
                CheckProperty(issues, itemMap, at + ".items", v31, nameRequired: false);
            }
            else
            {
                issues.Error(items, at + ".items", "must be an object (the array's item property)");
            }
        }
    }

    private static void CheckLogicalType(ContractYamlReader issues, YamlMappingNode property, string at, string? logicalType)
    {
        var node = ContractYamlReader.Child(property, "logicalType");
        if (node is not null)
        {
            if (node is not YamlScalarNode || ContractShapeChecker.TypeOf((YamlScalarNode)node) != ShapeKind.String)
            {
                issues.Error(node, at + ".logicalType", "must be a string");
                return;
            }

            if (!LogicalTypes.Contains(logicalType, StringComparer.Ordinal))
            {
                issues.Error(node, at + ".logicalType", $"{ContractShapeChecker.Quote(logicalType ?? string.Empty)} is not one of: {string.Join(", ", LogicalTypes)}");
                return;
            }
        }

        if (ContractYamlReader.Child(property, "logicalTypeOptions") is not { } optionsNode)
        {
            return;
        }

        if (optionsNode is not YamlMappingNode options)
        {
            issues.Error(optionsNode, at + ".logicalTypeOptions", "must be an object");
            return;
        }

        var key = logicalType is "time" ? "timestamp" : logicalType;
        if (key is null || !OptionsByLogicalType.TryGetValue(key, out var shape))
        {
            return;
        }

        // logicalTypeOptions.enum is ChurnOps' own shorthand for allowed values; no ODCS branch allows it.
        if (ContractYamlReader.Child(options, "enum") is { } enumNode)
        {
            issues.Warning(enumNode, at + ".logicalTypeOptions.enum",
                "enum is a ChurnOps shorthand, not an ODCS logicalTypeOptions field; other tools refuse it (an invalidValues/validValues quality rule is the standard form)");
            shape = shape.With(new F { ["enum"] = ShapeValue.ArrayOf(ShapeValue.Scalar) });
        }

        ContractShapeChecker.Check(issues, options, at + ".logicalTypeOptions", shape);
    }

    private static void CheckQuality(ContractYamlReader issues, YamlMappingNode owner, string path)
    {
        foreach (var (rule, at) in ContractShapeChecker.QualityRules(issues, owner, path, Quality))
        {
            var typeNode = ContractYamlReader.Child(rule, "type") as YamlScalarNode;
            // JSON Schema: with no type the library branch still applies (its if tests a property that is absent).
            switch (typeNode?.Value ?? "library")
            {
                case "library":
                    ContractShapeChecker.Check(issues, rule, at, LibraryQuality);
                    // 3.0.2 requires rule, 3.1.0 metric (rule deprecated): either names the check.
                    if (ContractYamlReader.Child(rule, "rule") is null && ContractYamlReader.Child(rule, "metric") is null)
                    {
                        issues.Error(rule, at + ".rule", "is required (a library quality rule names its rule, or its metric in v3.1)");
                    }

                    break;
                case "sql":
                    ContractShapeChecker.Check(issues, rule, at, SqlQuality);
                    break;
                case "custom":
                    ContractShapeChecker.Check(issues, rule, at, CustomQuality);
                    if (ContractYamlReader.Child(rule, "implementation") is YamlScalarNode implementation
                        && ContractShapeChecker.TypeOf(implementation) != ShapeKind.String)
                    {
                        issues.Error(implementation, at + ".implementation", "must be a string or an object");
                    }
                    else if (ContractYamlReader.Child(rule, "implementation") is YamlSequenceNode list)
                    {
                        issues.Error(list, at + ".implementation", "must be a string or an object, not a list");
                    }

                    break;
            }
        }
    }

    private static Dictionary<string, ContractShape> BuildServers(bool v31)
    {
        var port = ShapeValue.Integer;
        var s = ShapeValue.String;
        // v3.1.0 turned the file servers' format and delimiter enums into examples (avro, orc… are valid there).
        var format = v31 ? s : ShapeValue.OneOf(FileFormats);
        var delimiter = v31 ? s : ShapeValue.OneOf(Delimiters);
        ContractShape Branch(string type, F fields, params string[] required) => ContractShape.Open($"a {type} server", fields, required);
        F HostPortDb() => new() { ["host"] = s, ["port"] = port, ["database"] = s };
        F HostPortDbSchema() => new() { ["host"] = s, ["port"] = port, ["database"] = s, ["schema"] = s };
        return new Dictionary<string, ContractShape>(StringComparer.Ordinal)
        {
            ["api"] = Branch("api", new F { ["location"] = s }, "location"),
            ["athena"] = Branch("athena", new F { ["stagingDir"] = s, ["schema"] = s, ["catalog"] = s, ["regionName"] = s }, "stagingDir", "schema"),
            ["azure"] = Branch("azure", new F { ["location"] = s, ["format"] = format, ["delimiter"] = delimiter }, "location", "format"),
            ["bigquery"] = Branch("bigquery", new F { ["project"] = s, ["dataset"] = s }, "project", "dataset"),
            ["clickhouse"] = Branch("clickhouse", HostPortDb(), "host", "port", "database"),
            ["databricks"] = Branch("databricks", new F { ["host"] = s, ["catalog"] = s, ["schema"] = s }, "catalog", "schema"),
            ["denodo"] = Branch("denodo", HostPortDb(), "host", "port"),
            ["dremio"] = Branch("dremio", new F { ["host"] = s, ["port"] = port, ["schema"] = s }, "host", "port"),
            // v3.0.2 types duckdb's schema as an integer (transcribed as written), v3.1.0 as a string.
            ["duckdb"] = Branch("duckdb", new F { ["database"] = s, ["schema"] = v31 ? s : port }, "database"),
            ["glue"] = Branch("glue", new F { ["account"] = s, ["database"] = s, ["location"] = s, ["format"] = s }, "account", "database"),
            ["cloudsql"] = Branch("cloudsql", HostPortDbSchema(), "host", "port", "database", "schema"),
            ["db2"] = Branch("db2", HostPortDbSchema(), "host", "port", "database"),
            ["hive"] = Branch("hive", HostPortDb(), "host", "database"),
            ["impala"] = Branch("impala", HostPortDb(), "host", "database"),
            ["informix"] = Branch("informix", HostPortDb(), "host", "database"),
            ["zen"] = Branch("zen", HostPortDb(), "host", "database"),
            ["custom"] = Branch("custom", new F
            {
                ["account"] = s, ["catalog"] = s, ["database"] = s, ["dataset"] = s, ["delimiter"] = s, ["endpointUrl"] = s, ["format"] = s,
                ["host"] = s, ["location"] = s, ["path"] = s, ["port"] = port, ["project"] = s, ["region"] = s, ["regionName"] = s,
                ["schema"] = s, ["serviceName"] = s, ["stagingDir"] = s, ["warehouse"] = s,
            }),
            ["kafka"] = Branch("kafka", new F { ["host"] = s, ["format"] = s }, "host"),
            ["kinesis"] = Branch("kinesis", new F { ["region"] = s, ["format"] = s }),
            ["local"] = Branch("local", new F { ["path"] = s, ["format"] = s }, "path", "format"),
            ["mysql"] = Branch("mysql", HostPortDb(), "host", "port", "database"),
            ["oracle"] = Branch("oracle", new F { ["host"] = s, ["port"] = port, ["serviceName"] = s }, "host", "port", "serviceName"),
            ["postgresql"] = Branch("postgresql", HostPortDbSchema(), "host", "port", "database", "schema"),
            ["postgres"] = Branch("postgres", HostPortDbSchema(), "host", "port", "database", "schema"),
            ["presto"] = Branch("presto", new F { ["host"] = s, ["catalog"] = s, ["schema"] = s }, "host"),
            ["pubsub"] = Branch("pubsub", new F { ["project"] = s }, "project"),
            ["redshift"] = Branch("redshift", new F { ["host"] = s, ["database"] = s, ["schema"] = s, ["region"] = s, ["account"] = s }, "database", "schema"),
            ["s3"] = Branch("s3", new F { ["location"] = s, ["endpointUrl"] = s, ["format"] = format, ["delimiter"] = delimiter }, "location"),
            ["sftp"] = Branch("sftp", new F { ["location"] = s, ["format"] = format, ["delimiter"] = delimiter }, "location"),
            ["snowflake"] = Branch("snowflake", new F { ["host"] = s, ["port"] = port, ["account"] = s, ["database"] = s, ["schema"] = s, ["warehouse"] = s }, "account", "database", "schema"),
            ["sqlserver"] = Branch("sqlserver", HostPortDbSchema(), "host", "database", "schema"),
            ["synapse"] = Branch("synapse", HostPortDb(), "host", "port", "database"),
            ["trino"] = Branch("trino", new F { ["host"] = s, ["port"] = port, ["catalog"] = s, ["schema"] = s }, "host", "port", "catalog", "schema"),
            ["vertica"] = Branch("vertica", HostPortDbSchema(), "host", "port", "database", "schema"),
        };
    }
}
