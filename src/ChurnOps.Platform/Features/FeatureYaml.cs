namespace ChurnOps.Platform.Features;

internal sealed class FeatureYaml
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>ODCS logical type (number, integer, string…): the feature is stored in its default warehouse type.</summary>
    public string? LogicalType { get; set; }

    /// <summary>Warehouse type (DOUBLE, INTEGER, DECIMAL(12,2)…); wins over the logical type's default.</summary>
    public string? PhysicalType { get; set; }
}
