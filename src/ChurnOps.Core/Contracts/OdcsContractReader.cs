using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>Reads an Open Data Contract Standard v3 document into <see cref="DataContract"/>, collecting every problem.</summary>
internal static partial class OdcsContractReader
{
    private static readonly HashSet<string> TopKnown = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "id", "name", "version", "status", "domain", "dataProduct", "description", "team", "support", "schema",
        "slaProperties", "customProperties",
    };

    private static readonly HashSet<string> SchemaKnown = new(StringComparer.Ordinal)
    {
        "name", "physicalName", "physicalType", "description", "properties", "quality",
    };

    private static readonly HashSet<string> PropertyKnown = new(StringComparer.Ordinal)
    {
        "name", "logicalType", "physicalType", "description", "required", "unique", "primaryKey", "primaryKeyPosition",
        "classification", "logicalTypeOptions", "quality",
    };

    private static readonly HashSet<string> OptionsKnown = new(StringComparer.Ordinal)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength", "maxLength", "format", "enum",
    };

    public static DataContract Read(ContractYamlReader reader, YamlMappingNode root)
    {
        // apiVersion and kind are checked against the standard's enums by OdcsSchemaChecks.
        var apiVersion = reader.String(root, "apiVersion", string.Empty, required: true) ?? string.Empty;
        _ = reader.String(root, "kind", string.Empty, required: true);

        var id = reader.String(root, "id", string.Empty, required: true) ?? string.Empty;
        var version = reader.String(root, "version", string.Empty, required: true) ?? string.Empty;
        CheckVersion(reader, ContractYamlReader.Child(root, "version"), version);
        var status = reader.String(root, "status", string.Empty, required: true) ?? "active";

        string? description = null;
        var descriptionNode = ContractYamlReader.Child(root, "description");
        if (descriptionNode is YamlScalarNode d)
        {
            description = d.Value;
        }
        else if (descriptionNode is YamlMappingNode dm)
        {
            description = reader.String(dm, "purpose", "description");
            reader.KeepUnknown(dm, "description", new HashSet<string>(StringComparer.Ordinal) { "purpose" });
        }

        var contract = new DataContract
        {
            Standard = "odcs",
            ApiVersion = apiVersion,
            Id = id,
            Name = reader.String(root, "name", string.Empty),
            Version = version,
            Status = status,
            Domain = reader.String(root, "domain", string.Empty),
            DataProduct = reader.String(root, "dataProduct", string.Empty),
            Description = description,
            Team = ReadTeam(reader, root),
            Support = ReadSupport(reader, root),
            Schema = ReadSchema(reader, root),
            Sla = ReadSla(reader, root),
            CustomProperties = ReadCustomProperties(reader, root, "customProperties", string.Empty),
        };
        reader.KeepUnknown(root, string.Empty, TopKnown);
        return contract;
    }

    /// <summary>The standards allow any version text; ChurnOps' publish compares major versions, so it advises semantic versions.</summary>
    internal static void CheckVersion(ContractYamlReader reader, YamlNode? node, string version)
    {
        if (version.Length > 0 && !SemVer().IsMatch(version))
        {
            reader.Warning(node, "version", $"{ContractShapeChecker.Quote(version)} is not a semantic version (MAJOR.MINOR.PATCH); publish compares major versions and treats it as major 0");
        }
    }

    private static List<ContractTeamMember> ReadTeam(ContractYamlReader reader, YamlMappingNode root)
    {
        var node = ContractYamlReader.Child(root, "team");
        // ODCS 3.0 has a list of members; 3.1 wraps them in an object with "members".
        var seq = node switch
        {
            YamlMappingNode m => reader.Sequence(m, "members", "team"),
            _ => reader.Sequence(root, "team", string.Empty),
        };
        var basePath = node is YamlMappingNode ? "team.members" : "team";
        var team = new List<ContractTeamMember>();
        for (var i = 0; seq is not null && i < seq.Children.Count; i++)
        {
            var at = $"{basePath}[{i}]";
            if (seq.Children[i] is not YamlMappingNode member)
            {
                reader.Error(seq.Children[i], at, "must be an object with username and role");
                continue;
            }

            var username = reader.String(member, "username", at);
            if (username is null)
            {
                // ODCS does not require it, but sign-offs and notifications go to usernames.
                reader.Warning(member, at + ".username", "no username: this member cannot approve changes or be notified");
                continue;
            }

            team.Add(new ContractTeamMember(username, reader.String(member, "role", at), reader.String(member, "name", at)));
        }

        return team;
    }

    private static List<ContractSupportChannel> ReadSupport(ContractYamlReader reader, YamlMappingNode root)
    {
        var seq = reader.Sequence(root, "support", string.Empty);
        var support = new List<ContractSupportChannel>();
        for (var i = 0; seq is not null && i < seq.Children.Count; i++)
        {
            var at = $"support[{i}]";
            if (seq.Children[i] is not YamlMappingNode item)
            {
                reader.Error(seq.Children[i], at, "must be an object with channel");
                continue;
            }

            var channel = reader.String(item, "channel", at, required: true);
            if (channel is not null)
            {
                support.Add(new ContractSupportChannel(channel, reader.String(item, "tool", at), reader.String(item, "url", at)));
            }
        }

        return support;
    }

    private static List<ContractSchema> ReadSchema(ContractYamlReader reader, YamlMappingNode root)
    {
        var seq = reader.Sequence(root, "schema", string.Empty);
        if (seq is null || seq.Children.Count == 0)
        {
            // ODCS makes schema optional (contracts about servers, roles, SLAs only); ingest needs it and says so.
            reader.Warning(ContractYamlReader.Child(root, "schema") ?? root, "schema", "no tables: the contract is valid but cannot drive ingest (list a schema object with properties)");
            return [];
        }

        var schema = new List<ContractSchema>(seq.Children.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var at = $"schema[{i}]";
            if (seq.Children[i] is not YamlMappingNode table)
            {
                reader.Error(seq.Children[i], at, "must be an object");
                continue;
            }

            var name = reader.String(table, "name", at, required: true);
            if (name is not null && !names.Add(name))
            {
                reader.Warning(ContractYamlReader.Child(table, "name"), at + ".name", $"table {ContractShapeChecker.Quote(name)} appears twice; ingest uses the first");
            }

            var properties = ReadProperties(reader, table, at);
            reader.KeepUnknown(table, at, SchemaKnown);
            schema.Add(new ContractSchema
            {
                Name = name ?? string.Empty,
                PhysicalName = reader.String(table, "physicalName", at),
                PhysicalType = reader.String(table, "physicalType", at),
                Description = reader.String(table, "description", at),
                Properties = properties,
                Quality = ContractQualityReader.Read(reader, table, at, columnLevel: false),
            });
        }

        return schema;
    }

    private static List<ContractProperty> ReadProperties(ContractYamlReader reader, YamlMappingNode table, string path)
    {
        var seq = reader.Sequence(table, "properties", path);
        if (seq is null || seq.Children.Count == 0)
        {
            // Valid ODCS (a topic whose schema lives in a registry); ingest needs columns and says so.
            reader.Warning(ContractYamlReader.Child(table, "properties") ?? table, ContractYamlReader.Join(path, "properties"), "no columns: the table is valid but cannot be ingested (list its properties)");
            return [];
        }

        var properties = new List<ContractProperty>(seq.Children.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var at = $"{path}.properties[{i}]";
            if (seq.Children[i] is not YamlMappingNode map)
            {
                reader.Error(seq.Children[i], at, "must be an object");
                continue;
            }

            var name = reader.String(map, "name", at, required: true);
            if (name is not null && !names.Add(name))
            {
                reader.Warning(ContractYamlReader.Child(map, "name"), at + ".name", $"column {ContractShapeChecker.Quote(name)} appears twice (names are compared ignoring case); ingest refuses this table");
            }

            var options = reader.Mapping(map, "logicalTypeOptions", at);
            var optionsPath = at + ".logicalTypeOptions";
            var quality = ContractQualityReader.Read(reader, map, at, columnLevel: true);
            var property = new ContractProperty
            {
                Name = name ?? string.Empty,
                LogicalType = reader.String(map, "logicalType", at),
                PhysicalType = reader.String(map, "physicalType", at),
                Description = reader.String(map, "description", at),
                Required = reader.Bool(map, "required", at) ?? false,
                Unique = reader.Bool(map, "unique", at) ?? false,
                PrimaryKey = reader.Bool(map, "primaryKey", at) ?? false,
                PrimaryKeyPosition = reader.Integer(map, "primaryKeyPosition", at),
                Classification = reader.String(map, "classification", at),
                Minimum = options is null ? null : NumericBound(options, "minimum"),
                Maximum = options is null ? null : NumericBound(options, "maximum"),
                ExclusiveMinimum = options is null ? null : ExclusiveBound(options, "exclusiveMinimum", "minimum"),
                ExclusiveMaximum = options is null ? null : ExclusiveBound(options, "exclusiveMaximum", "maximum"),
                Pattern = options is null ? null : reader.String(options, "pattern", optionsPath),
                MinLength = options is null ? null : reader.Integer(options, "minLength", optionsPath),
                MaxLength = options is null ? null : reader.Integer(options, "maxLength", optionsPath),
                Format = options is null ? null : reader.String(options, "format", optionsPath),
                ValidValues = (options is null ? null : reader.Strings(options, "enum", optionsPath))
                    ?? quality.FirstOrDefault(q => q.Rule is "validValues" or "invalidValues" && q.ValidValues is not null)?.ValidValues,
                Quality = quality,
            };
            if (options is not null)
            {
                reader.KeepUnknown(options, optionsPath, OptionsKnown);
            }

            reader.KeepUnknown(map, at, PropertyKnown);
            ContractPropertyChecks.Check(reader, map, at, property);
            properties.Add(property);
        }

        return properties;
    }

    /// <summary>ODCS 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema style writes the bound itself.</summary>
    private static double? ExclusiveBound(YamlMappingNode options, string key, string inclusiveKey)
    {
        var node = ContractYamlReader.Child(options, key);
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var flag))
        {
            return flag ? NumericBound(options, inclusiveKey) : null;
        }

        return NumericBound(options, key);
    }

    /// <summary>
    /// A numeric bound for the row rules; null for date and timestamp bounds ("2020-01-01"), which the schema allows as text
    /// on date columns. Wrong types are the schema checks' business, not a second error here.
    /// </summary>
    private static double? NumericBound(YamlMappingNode options, string key) =>
        ContractYamlReader.Child(options, key) is YamlScalarNode { Value: { } v }
        && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    private static List<ContractSlaProperty> ReadSla(ContractYamlReader reader, YamlMappingNode root)
    {
        var seq = reader.Sequence(root, "slaProperties", string.Empty);
        var sla = new List<ContractSlaProperty>();
        for (var i = 0; seq is not null && i < seq.Children.Count; i++)
        {
            var at = $"slaProperties[{i}]";
            if (seq.Children[i] is not YamlMappingNode item)
            {
                reader.Error(seq.Children[i], at, "must be an object with property and value");
                continue;
            }

            var property = reader.String(item, "property", at, required: true);
            // value is required but may be null (an SLA entry that only names its property and driver).
            var value = reader.String(item, "value", at);
            if (property is null || value is null)
            {
                continue;
            }

            var entry = new ContractSlaProperty(property, value, reader.String(item, "unit", at) ?? reader.String(item, "valueExt", at), reader.String(item, "element", at));
            ContractPropertyChecks.CheckSla(reader, item, at, entry);
            sla.Add(entry);
        }

        return sla;
    }

    internal static Dictionary<string, string> ReadCustomProperties(ContractYamlReader reader, YamlMappingNode owner, string key, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var seq = reader.Sequence(owner, key, path);
        for (var i = 0; seq is not null && i < seq.Children.Count; i++)
        {
            var at = $"{ContractYamlReader.Join(path, key)}[{i}]";
            if (seq.Children[i] is YamlMappingNode item && reader.String(item, "property", at) is { } name)
            {
                var valueNode = ContractYamlReader.Child(item, "value");
                result[name] = valueNode is YamlScalarNode s ? s.Value ?? string.Empty : System.Text.Json.JsonSerializer.Serialize(valueNode is null ? null : ContractYamlReader.ToPlain(valueNode));
            }
            else if (seq.Children[i] is not YamlMappingNode)
            {
                reader.Error(seq.Children[i], at, "must be an object with property and value");
            }
            else
            {
                reader.Warning(seq.Children[i], at + ".property", "no property name: this custom property is ignored");
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.\-+]+)?$")]
    private static partial Regex SemVer();
}
