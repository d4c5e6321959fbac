namespace ChurnOps.Platform.Features;

/// <summary>The shape of features/&lt;view&gt;.yaml (snake_case keys).</summary>
internal sealed class FeatureViewYaml
{
    public string? Name { get; set; }

    public string? Entity { get; set; }

    public string? Timestamp { get; set; }

    public string? CreatedTimestamp { get; set; }

    public string? Ttl { get; set; }

    public string? Owner { get; set; }

    public string? Source { get; set; }

    public string? Description { get; set; }

    public List<FeatureYaml>? Features { get; set; }
}
