namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// An event name the platform emits, as <c>Prefix.&lt;name&gt;.Suffix</c> (<c>data.&lt;table&gt;.updated</c>);
/// <see cref="Names"/> says what the middle part names so a trigger on a table the project lacks is flagged.
/// </summary>
public sealed record TriggerEventPattern(string Prefix, string Suffix, TriggerEventNames Names)
{
    public string Display => $"{Prefix}.<{Names.ToString().ToLowerInvariant()}>.{Suffix}";

    /// <summary>The middle part when <paramref name="eventName"/> fits the pattern; null otherwise.</summary>
    public string? Match(string eventName)
    {
        var parts = eventName.Split('.');
        return parts is [var prefix, var name, var suffix] && prefix == Prefix && suffix == Suffix && name.Length > 0 ? name : null;
    }
}
