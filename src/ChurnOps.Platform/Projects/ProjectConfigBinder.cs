using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// Binds the merged configuration (churnops.yaml, then CHURNOPS__* environment variables) onto <see cref="ProjectConfig"/>
/// by its snake_case names, collecting every value that does not fit (a word where a number goes, an unknown key) instead
/// of stopping at the first as ConfigurationBinder does. Each problem names where the value came from.
/// </summary>
internal sealed class ProjectConfigBinder(IConfiguration configuration, Func<string, string> describeSource)
{
    private const int MaxEchoedChars = 60;
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Bind(ProjectConfig target, IReadOnlySet<string> reservedKeys)
    {
        ArgumentNullException.ThrowIfNull(target);
        BindObject(target, configuration, path: string.Empty, reservedKeys);
        return _errors;
    }

    /// <summary>"MaxRequestBytes" → "max_request_bytes", as churnops.yaml spells it.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private void BindObject(object target, IConfiguration section, string path, IReadOnlySet<string>? reservedKeys = null)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => SnakeCase(p.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (reservedKeys?.Contains(child.Key) == true)
            {
                continue;
            }

            // Environment variables arrive upper-cased: name the setting as churnops.yaml spells it.
            var known = properties.TryGetValue(child.Key, out var property);
            var childPath = Join(path, known ? SnakeCase(property!.Name) : child.Key.ToLowerInvariant());
            if (!known)
            {
                Error(child, childPath, $"unknown setting (known here: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            if (TryRead(property!.PropertyType, child, childPath, property.GetValue(target), out var value))
            {
                property.SetValue(target, value);
            }
        }
    }

    private bool TryRead(Type type, IConfigurationSection section, string path, object? current, out object? value)
    {
        value = null;
        var children = section.GetChildren().ToList();
        var scalarType = Nullable.GetUnderlyingType(type) ?? type;
        if (scalarType == typeof(string) || scalarType.IsPrimitive || scalarType == typeof(decimal))
        {
            if (children.Count > 0)
            {
                Error(section, path, "expected a single value, not a list or mapping");
                return false;
            }

            return TryConvert(type, scalarType, section, path, out value);
        }

        if (section.Value is { Length: > 0 } && children.Count == 0)
        {
            Error(section, path, $"'{Echo(section.Value)}' is a single value; a {(IsList(type) ? "list" : "mapping")} goes here");
            return false;
        }

        if (section.Value is null && children.Count == 0)
        {
            // "teams:" with nothing after it keeps the default.
            return false;
        }

        if (IsList(type))
        {
            var elementType = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            var ok = true;
            foreach (var child in children.OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
            {
                if (TryRead(elementType, child, $"{path}[{child.Key}]", null, out var element))
                {
                    list.Add(element);
                }
                else
                {
                    ok = false;
                }
            }

            value = list;
            return ok;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            var comparer = current?.GetType().GetProperty("Comparer")?.GetValue(current) ?? StringComparer.Ordinal;
            var map = (IDictionary)Activator.CreateInstance(type, comparer)!;
            var ok = true;
            foreach (var child in children)
            {
                if (TryRead(type.GetGenericArguments()[1], child, Join(path, child.Key), null, out var entry))
                {
                    map[child.Key] = entry;
                }
                else
                {
                    ok = false;
                }
            }

            value = map;
            return ok;
        }

        var instance = current ?? Activator.CreateInstance(type)!;
        BindObject(instance, section, path);
        value = instance;
        return true;
    }

    private bool TryConvert(Type type, Type scalarType, IConfigurationSection section, string path, out object? value)
    {
        var text = section.Value;
        value = null;
        if (text is null)
        {
            if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
            {
                return true;
            }

            Error(section, path, "needs a value");
            return false;
        }

        if (scalarType == typeof(string))
        {
            value = text;
            return true;
        }

        var trimmed = text.Trim();
        (bool ok, string expected) = scalarType switch
        {
            _ when scalarType == typeof(int) => (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && Set(i, out value), "a whole number"),
            _ when scalarType == typeof(long) => (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && Set(l, out value), "a whole number"),
            _ when scalarType == typeof(double) => (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Set(d, out value), "a number"),
            _ when scalarType == typeof(bool) => (bool.TryParse(trimmed, out var b) && Set(b, out value), "true or false"),
            _ => (false, "a value of type " + scalarType.Name),
        };
        if (!ok)
        {
            Error(section, path, $"'{Echo(text)}' is not {expected}");
        }

        return ok;
    }

    private static bool Set<T>(T parsed, out object? value)
    {
        value = parsed;
        return true;
    }

    private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    private void Error(IConfigurationSection section, string path, string message) =>
        _errors.Add($"{describeSource(section.Path)}: {path}: {message}");

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Echo(string text) => text.Length <= MaxEchoedChars ? text : text[..MaxEchoedChars] + "…";
}
