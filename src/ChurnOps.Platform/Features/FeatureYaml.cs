namespace ChurnOps.Platform.Features;

internal sealed class FeatureYaml
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
