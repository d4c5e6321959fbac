using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Reads typed values from a YAML tree while collecting every problem with its path and line, and keeps
/// the keys the model does not know as extensions.
/// </summary>
internal sealed class ContractYamlReader
{
    private readonly List<ContractIssue> _issues = [];
    private readonly Dictionary<string, object?> _extensions = new(StringComparer.Ordinal);

    public IReadOnlyList<ContractIssue> Issues => _issues;

    public IReadOnlyDictionary<string, object?> Extensions => _extensions;

    public bool HasErrors => _issues.Any(i => i.Severity == ContractIssueSeverity.Error);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public void Error(YamlNode? node, string path, string message) =>
        _issues.Add(new ContractIssue(ContractIssueSeverity.Error, path, node is null ? 0 : LineOf(node), message));

    /// <summary>An error at a line computed by the caller (inside a multi-line scalar).</summary>
    public void ErrorAt(int line, string path, string message) =>
        _issues.Add(new ContractIssue(ContractIssueSeverity.Error, path, line, message));

    public void Warning(YamlNode? node, string path, string message) =>
        _issues.Add(new ContractIssue(ContractIssueSeverity.Warning, path, node is null ? 0 : LineOf(node), message));

    public static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && string.Equals(s.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public string? String(YamlMappingNode map, string key, string path, bool required = false)
    {
        var node = Child(map, key);
        var at = Join(path, key);
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Error(node ?? map, at, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, at, "must be a single value, not a list or object");
            return null;
        }

        var value = scalar.Value;
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Error(node, at, "must not be empty");
            return null;
        }

        return value;
    }

    public bool? Bool(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b))
        {
            return b;
        }

        Error(node, Join(path, key), "must be true or false");
        return null;
    }

    public double? Number(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        Error(node, Join(path, key), "must be a number");
        return null;
    }

    public int? Integer(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        Error(node, Join(path, key), "must be an integer");
        return null;
    }

    public YamlMappingNode? Mapping(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode m)
        {
            return m;
        }

        Error(node, Join(path, key), "must be an object");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlSequenceNode s)
        {
            return s;
        }

        Error(node, Join(path, key), "must be a list");
        return null;
    }

    /// <summary>A list of scalars (enum values, tags); an error for nested values.</summary>
    public IReadOnlyList<string>? Strings(YamlMappingNode map, string key, string path)
    {
        var seq = Sequence(map, key, path);
        if (seq is null)
        {
            return null;
        }

        var values = new List<string>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is YamlScalarNode { Value: { } v })
            {
                values.Add(v);
            }
            else
            {
                Error(seq.Children[i], $"{Join(path, key)}[{i}]", "must be a single value");
            }
        }

        return values;
    }

    /// <summary>Keeps every key of <paramref name="map"/> not in <paramref name="known"/> as an extension (never an error).</summary>
    public Dictionary<string, object?> KeepUnknown(YamlMappingNode map, string path, IReadOnlySet<string> known)
    {
        var local = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } key } && !known.Contains(key))
            {
                local[key] = ToPlain(v);
                _extensions[Join(path, key)] = local[key];
            }
        }

        return local;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>A YAML node as plain .NET values: string, list, ordered dictionary.</summary>
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode s => IsNull(s) ? null : s.Value,
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty, kv => ToPlain(kv.Value), StringComparer.Ordinal),
        _ => null,
    };
}
