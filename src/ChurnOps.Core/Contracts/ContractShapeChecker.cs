using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Checks a YAML object against a <see cref="ContractShape"/> the way the standard's JSON Schema would see the same
/// document loaded as JSON: YAML 1.2 core scalars (plain 12 is a number, plain true a boolean, quoted text a string).
/// Every finding is an error with its path and line; values are quoted short and without control characters.
/// </summary>
internal static partial class ContractShapeChecker
{
    private const int MaxQuoted = 60;

    public static void Check(ContractYamlReader issues, YamlMappingNode map, string path, ContractShape shape)
    {
        foreach (var key in shape.Required)
        {
            if (ContractYamlReader.Child(map, key) is null)
            {
                issues.Error(map, ContractYamlReader.Join(path, key), $"is required ({shape.Name})");
            }
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var at = ContractYamlReader.Join(path, PathSegment(key));
            if (shape.Fields.TryGetValue(key, out var field))
            {
                CheckValue(issues, value, at, field);
            }
            else if (shape.Closed)
            {
                issues.Error(keyNode, at, $"{Quote(key)} is not a field of {shape.Name} (the standard's schema allows no other keys here)");
            }
        }
    }

    /// <summary>
    /// The entries of <paramref name="owner"/>'s quality list that are objects, each with its path and already checked
    /// against the standard's <paramref name="common"/> rule shape; an entry that is not an object is reported and skipped.
    /// </summary>
    public static IEnumerable<(YamlMappingNode Rule, string At)> QualityRules(ContractYamlReader issues, YamlMappingNode owner, string path, ContractShape common)
    {
        if (ContractYamlReader.Child(owner, "quality") is not YamlSequenceNode rules)
        {
            yield break;
        }

        for (var i = 0; i < rules.Children.Count; i++)
        {
            var at = $"{path}.quality[{i}]";
            if (rules.Children[i] is not YamlMappingNode rule)
            {
                issues.Error(rules.Children[i], at, "must be an object (a quality rule)");
                continue;
            }

            Check(issues, rule, at, common);
            yield return (rule, at);
        }
    }

    public static void CheckValue(ContractYamlReader issues, YamlNode node, string path, ShapeValue shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Any:
            case ShapeKind.Delegated:
                return;
            case ShapeKind.Object:
                if (node is YamlMappingNode map)
                {
                    if (shape.Object is { } inner)
                    {
                        Check(issues, map, path, inner);
                    }
                }
                else
                {
                    issues.Error(node, path, "must be an object");
                }

                return;
            case ShapeKind.Map:
                CheckMap(issues, node, path, shape);
                return;
            case ShapeKind.Array:
                CheckArray(issues, node, path, shape);
                return;
            default:
                CheckScalar(issues, node, path, shape);
                return;
        }
    }

    private static void CheckMap(ContractYamlReader issues, YamlNode node, string path, ShapeValue shape)
    {
        if (node is not YamlMappingNode map)
        {
            issues.Error(node, path, "must be an object");
            return;
        }

        if (shape.MinItems is { } min && map.Children.Count < min)
        {
            issues.Error(node, path, $"must hold at least {min} entr{(min == 1 ? "y" : "ies")}");
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var at = ContractYamlReader.Join(path, PathSegment(key));
            if (shape.Pattern is { } pattern && !Regex.IsMatch(key, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                issues.Error(keyNode, at, $"the name {Quote(key)} must match {pattern}");
            }

            if (shape.Items is { } items)
            {
                CheckValue(issues, value, at, items);
            }
        }
    }

    private static void CheckArray(ContractYamlReader issues, YamlNode node, string path, ShapeValue shape)
    {
        if (node is not YamlSequenceNode seq)
        {
            issues.Error(node, path, "must be a list");
            return;
        }

        if (shape.MinItems is { } min && seq.Children.Count < min)
        {
            issues.Error(node, path, $"must hold at least {min} item{(min == 1 ? string.Empty : "s")}");
        }

        if (shape.MaxItems is { } max && seq.Children.Count > max)
        {
            issues.Error(node, path, $"must hold at most {max} item{(max == 1 ? string.Empty : "s")}");
        }

        for (var i = 0; shape.Items is { } items && i < seq.Children.Count; i++)
        {
            CheckValue(issues, seq.Children[i], $"{path}[{i}]", items);
        }

        if (shape.UniqueItems)
        {
            var seen = new HashSet<(ShapeKind, string)>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                if (seq.Children[i] is YamlScalarNode item && !seen.Add((TypeOf(item), item.Value ?? string.Empty)))
                {
                    issues.Error(item, $"{path}[{i}]", "repeats an earlier item; the items must be unique");
                }
            }
        }
    }

    private static void CheckScalar(ContractYamlReader issues, YamlNode node, string path, ShapeValue shape)
    {
        if (node is not YamlScalarNode scalar)
        {
            issues.Error(node, path, $"must be {Expected(shape.Kind)}, not a list or object");
            return;
        }

        var type = TypeOf(scalar);
        var ok = shape.Kinds is { } kinds ? kinds.Any(k => Matches(k, type)) : Matches(shape.Kind, type);
        if (!ok)
        {
            var expected = shape.Kinds is { } alternatives ? string.Join(" or ", alternatives.Select(Expected)) : Expected(shape.Kind);
            issues.Error(node, path, $"must be {expected}, not {Describe(scalar, type)}");
            return;
        }

        var text = scalar.Value ?? string.Empty;
        if (shape.Enum is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            issues.Error(node, path, $"{Quote(text)} is not one of: {string.Join(", ", allowed)}");
        }

        if (shape.Pattern is { } pattern && type == ShapeKind.String && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            issues.Error(node, path, $"{Quote(text)} must match {pattern}");
        }

        if (shape.Minimum is { } minimum && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number < minimum)
        {
            issues.Error(node, path, $"must be at least {minimum.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static bool Matches(ShapeKind wanted, ShapeKind type) => wanted switch
    {
        ShapeKind.String => type == ShapeKind.String,
        ShapeKind.Integer => type == ShapeKind.Integer,
        ShapeKind.Number => type is ShapeKind.Integer or ShapeKind.Number,
        ShapeKind.Boolean => type == ShapeKind.Boolean,
        _ => true,
    };

    /// <summary>The JSON type a YAML scalar becomes under the YAML 1.2 core schema (null is reported as <see cref="ShapeKind.Scalar"/>).</summary>
    public static ShapeKind TypeOf(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return ShapeKind.String;
        }

        var v = scalar.Value ?? string.Empty;
        if (ContractYamlReader.IsNull(scalar))
        {
            return ShapeKind.Scalar;
        }

        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return ShapeKind.Boolean;
        }

        if (IntegerText().IsMatch(v))
        {
            return ShapeKind.Integer;
        }

        return NumberText().IsMatch(v) ? ShapeKind.Number : ShapeKind.String;
    }

    /// <summary>User text for a message: at most 60 characters, control characters escaped, in quotes.</summary>
    public static string Quote(string text) => "'" + Escape(text, MaxQuoted) + "'";

    /// <summary>A user-chosen key as part of a YAML path in a message: at most 60 characters, control characters escaped.</summary>
    public static string PathSegment(string key) => Escape(key, MaxQuoted);

    /// <summary>A message from elsewhere (a regex parser) that may quote user text: at most 200 characters, control characters escaped.</summary>
    public static string Bounded(string text) => Escape(text, 200);

    private static string Escape(string text, int max)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append(text.Length > max ? "…" : string.Empty).ToString();
    }

    private static string Expected(ShapeKind kind) => kind switch
    {
        ShapeKind.String => "a string",
        ShapeKind.Integer => "an integer",
        ShapeKind.Number => "a number",
        ShapeKind.Boolean => "true or false",
        _ => "a single value",
    };

    private static string Describe(YamlScalarNode scalar, ShapeKind type) => type switch
    {
        ShapeKind.Scalar => "null",
        ShapeKind.Boolean => "a boolean",
        ShapeKind.Integer or ShapeKind.Number => "the number " + Quote(scalar.Value ?? string.Empty),
        _ => "the text " + Quote(scalar.Value ?? string.Empty),
    };

    [GeneratedRegex(@"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex NumberText();
}
