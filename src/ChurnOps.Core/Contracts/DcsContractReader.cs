using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Maps the Data Contract Specification 1.x (<c>dataContractSpecification</c>, <c>info</c>, <c>models</c>, <c>fields</c>,
/// <c>servicelevels</c>) onto the same <see cref="DataContract"/> model ODCS uses.
/// </summary>
internal static partial class DcsContractReader
{
    private static readonly HashSet<string> TopKnown = new(StringComparer.Ordinal) { "dataContractSpecification", "id", "info", "models", "servicelevels" };

    private static readonly HashSet<string> InfoKnown = new(StringComparer.Ordinal) { "title", "version", "status", "description", "owner", "contact" };

    private static readonly HashSet<string> ModelKnown = new(StringComparer.Ordinal) { "description", "type", "fields", "quality", "primaryKey" };

    private static readonly HashSet<string> FieldKnown = new(StringComparer.Ordinal)
    {
        "type", "description", "required", "unique", "primaryKey", "primary", "classification", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength", "maxLength", "format", "enum", "quality",
    };

    public static DataContract Read(ContractYamlReader reader, YamlMappingNode root)
    {
        // The version enum, info's required fields and the field types are checked by DcsSchemaChecks.
        var spec = reader.String(root, "dataContractSpecification", string.Empty, required: true) ?? string.Empty;

        var id = reader.String(root, "id", string.Empty, required: true) ?? string.Empty;
        var info = reader.Mapping(root, "info", string.Empty);
        if (info is null)
        {
            reader.Error(root, "info", "is required (title, version, owner)");
        }

        var version = info is null ? string.Empty : reader.String(info, "version", "info", required: true) ?? string.Empty;
        OdcsContractReader.CheckVersion(reader, info is null ? null : ContractYamlReader.Child(info, "version"), version);
        var owner = info is null ? null : reader.String(info, "owner", "info");
        if (info is not null)
        {
            reader.KeepUnknown(info, "info", InfoKnown);
        }

        var contract = new DataContract
        {
            Standard = "dcs",
            ApiVersion = spec,
            Id = id,
            Name = info is null ? null : reader.String(info, "title", "info"),
            Version = version,
            Status = (info is null ? null : reader.String(info, "status", "info")) ?? "active",
            Description = info is null ? null : reader.String(info, "description", "info"),
            Team = owner is null ? [] : [new ContractTeamMember(owner, "owner")],
            Support = ReadContact(reader, info),
            Schema = ReadModels(reader, root),
            Sla = ReadServiceLevels(reader, root),
        };
        reader.KeepUnknown(root, string.Empty, TopKnown);
        return contract;
    }

    private static List<ContractSupportChannel> ReadContact(ContractYamlReader reader, YamlMappingNode? info)
    {
        var contact = info is null ? null : reader.Mapping(info, "contact", "info");
        if (contact is null)
        {
            return [];
        }

        var channel = reader.String(contact, "email", "info.contact") ?? reader.String(contact, "name", "info.contact");
        return channel is null ? [] : [new ContractSupportChannel(channel, "email", reader.String(contact, "url", "info.contact"))];
    }

    private static List<ContractSchema> ReadModels(ContractYamlReader reader, YamlMappingNode root)
    {
        var models = reader.Mapping(root, "models", string.Empty);
        if (models is null || models.Children.Count == 0)
        {
            // The specification makes models optional; ingest needs one and says so.
            reader.Warning(ContractYamlReader.Child(root, "models") ?? root, "models", "no models: the contract is valid but cannot drive ingest (describe a model with fields)");
            return [];
        }

        var schema = new List<ContractSchema>();
        foreach (var (keyNode, value) in models.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var at = "models." + ContractShapeChecker.PathSegment(name);
            if (value is not YamlMappingNode model)
            {
                reader.Error(value, at, "must be an object with fields");
                continue;
            }

            var keyColumns = reader.Strings(model, "primaryKey", at) ?? [];
            var fields = ReadFields(reader, model, at, keyColumns);
            reader.KeepUnknown(model, at, ModelKnown);
            schema.Add(new ContractSchema
            {
                Name = name,
                PhysicalName = name,
                PhysicalType = reader.String(model, "type", at) ?? "table",
                Description = reader.String(model, "description", at),
                Properties = fields,
                Quality = ContractQualityReader.Read(reader, model, at, columnLevel: false),
            });
        }

        return schema;
    }

    private static List<ContractProperty> ReadFields(ContractYamlReader reader, YamlMappingNode model, string path, IReadOnlyList<string> keyColumns)
    {
        var fields = reader.Mapping(model, "fields", path);
        if (fields is null || fields.Children.Count == 0)
        {
            reader.Warning(ContractYamlReader.Child(model, "fields") ?? model, path + ".fields", "no fields: the model is valid but cannot be ingested (describe its fields)");
            return [];
        }

        var properties = new List<ContractProperty>();
        foreach (var (keyNode, value) in fields.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var at = $"{path}.fields.{ContractShapeChecker.PathSegment(name)}";
            if (value is not YamlMappingNode field)
            {
                reader.Error(value, at, "must be an object with type");
                continue;
            }

            var dcsType = reader.String(field, "type", at);
            var (logical, physical) = MapType(dcsType);
            if (dcsType is not null && logical is null)
            {
                reader.Error(ContractYamlReader.Child(field, "type"), at + ".type", $"unknown type {ContractShapeChecker.Quote(dcsType)}");
            }

            var keyIndex = keyColumns.ToList().IndexOf(name);
            var primaryKey = (reader.Bool(field, "primaryKey", at) ?? reader.Bool(field, "primary", at) ?? false) || keyIndex >= 0;
            var quality = ContractQualityReader.Read(reader, field, at, columnLevel: true);
            var property = new ContractProperty
            {
                Name = name,
                LogicalType = logical,
                PhysicalType = physical,
                Description = reader.String(field, "description", at),
                Required = reader.Bool(field, "required", at) ?? false,
                Unique = reader.Bool(field, "unique", at) ?? false,
                PrimaryKey = primaryKey,
                PrimaryKeyPosition = keyIndex >= 0 ? keyIndex + 1 : null,
                Classification = reader.String(field, "classification", at),
                Minimum = reader.Number(field, "minimum", at),
                Maximum = reader.Number(field, "maximum", at),
                ExclusiveMinimum = reader.Number(field, "exclusiveMinimum", at),
                ExclusiveMaximum = reader.Number(field, "exclusiveMaximum", at),
                Pattern = reader.String(field, "pattern", at),
                MinLength = reader.Integer(field, "minLength", at),
                MaxLength = reader.Integer(field, "maxLength", at),
                Format = reader.String(field, "format", at),
                ValidValues = reader.Strings(field, "enum", at),
                Quality = quality,
            };
            reader.KeepUnknown(field, at, FieldKnown);
            ContractPropertyChecks.Check(reader, field, at, property with { LogicalType = null });
            properties.Add(property);
        }

        return properties;
    }

    /// <summary>DCS field types onto ODCS logical types and warehouse types.</summary>
    internal static (string? Logical, string? Physical) MapType(string? dcsType) => dcsType?.ToLowerInvariant() switch
    {
        null => (null, null),
        "string" or "text" or "varchar" => ("string", "VARCHAR"),
        "int" or "integer" => ("integer", "INTEGER"),
        "long" or "bigint" => ("integer", "BIGINT"),
        "float" => ("number", "FLOAT"),
        "double" => ("number", "DOUBLE"),
        "number" or "decimal" or "numeric" => ("number", "DECIMAL"),
        "boolean" => ("boolean", "BOOLEAN"),
        "date" => ("date", "DATE"),
        "timestamp" or "timestamp_tz" => ("timestamp", "TIMESTAMPTZ"),
        "timestamp_ntz" => ("timestamp", "TIMESTAMP"),
        "time" => ("time", "TIME"),
        // Binary, semi-structured and always-null values land as text; the row rules do not look inside them.
        "bytes" or "variant" or "json" or "null" => ("string", "VARCHAR"),
        "object" or "record" or "struct" or "map" => ("object", "VARCHAR"),
        "array" => ("array", "VARCHAR"),
        _ => (null, null),
    };

    private static List<ContractSlaProperty> ReadServiceLevels(ContractYamlReader reader, YamlMappingNode root)
    {
        var levels = reader.Mapping(root, "servicelevels", string.Empty);
        if (levels is null)
        {
            return [];
        }

        var sla = new List<ContractSlaProperty>();
        if (reader.Mapping(levels, "freshness", "servicelevels") is { } freshness)
        {
            AddDuration(reader, sla, freshness, "servicelevels.freshness", "freshness", "threshold", reader.String(freshness, "timestampField", "servicelevels.freshness"));
        }

        if (reader.Mapping(levels, "latency", "servicelevels") is { } latency)
        {
            AddDuration(reader, sla, latency, "servicelevels.latency", "latency", "threshold", reader.String(latency, "processedTimestampField", "servicelevels.latency"));
        }

        if (reader.Mapping(levels, "retention", "servicelevels") is { } retention)
        {
            AddDuration(reader, sla, retention, "servicelevels.retention", "retention", "period", reader.String(retention, "timestampField", "servicelevels.retention"));
        }

        if (reader.Mapping(levels, "availability", "servicelevels") is { } availability
            && reader.String(availability, "percentage", "servicelevels.availability") is { } percentage)
        {
            sla.Add(new ContractSlaProperty("availability", percentage.TrimEnd('%').Trim(), "percent", null));
        }

        if (reader.Mapping(levels, "frequency", "servicelevels") is { } frequency)
        {
            var value = reader.String(frequency, "cron", "servicelevels.frequency") ?? reader.String(frequency, "interval", "servicelevels.frequency");
            if (value is not null)
            {
                sla.Add(new ContractSlaProperty("frequency", value, null, null));
            }
        }

        reader.KeepUnknown(levels, "servicelevels", new HashSet<string>(StringComparer.Ordinal) { "freshness", "latency", "retention", "availability", "frequency" });
        return sla;
    }

    private static void AddDuration(ContractYamlReader reader, List<ContractSlaProperty> sla, YamlMappingNode map, string path, string property, string key, string? element)
    {
        var text = reader.String(map, key, path);
        if (text is null)
        {
            return;
        }

        if (!TryParseDuration(text, out var value, out var unit))
        {
            // Any text is valid in the specification; ChurnOps measures only what it can read as a duration.
            reader.Warning(ContractYamlReader.Child(map, key), path + "." + key, $"{ContractShapeChecker.Quote(text)} is not a duration ChurnOps reads (24h, 30m, 1d, 1y, PT24H, P1Y): not checked");
            return;
        }

        sla.Add(new ContractSlaProperty(property, value.ToString(CultureInfo.InvariantCulture), unit, element));
    }

    /// <summary>"25h", "30 m", "1d", "PT24H", "P1D", "P1Y" (a year counts 365 days).</summary>
    internal static bool TryParseDuration(string text, out double value, out string unit)
    {
        var match = ShortDuration().Match(text.Trim());
        if (match.Success)
        {
            value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            unit = match.Groups[2].Value.ToLowerInvariant()[..1];
            return true;
        }

        match = IsoDuration().Match(text.Trim().ToUpperInvariant());
        if (match.Success && match.Length > 1 && text.Trim() is not ("P" or "PT"))
        {
            double Part(int g) => match.Groups[g].Success ? double.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            var hours = (Part(1) * 365 * 24) + (Part(2) * 30 * 24) + (Part(3) * 24) + Part(4) + (Part(5) / 60) + (Part(6) / 3600);
            value = hours;
            unit = "h";
            return hours > 0;
        }

        value = 0;
        unit = string.Empty;
        return false;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(y|year|years|d|day|days|h|hour|hours|m|min|minutes|s|sec|seconds)$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortDuration();

    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")]
    private static partial Regex IsoDuration();
}
