namespace ChurnOps.Storage.Warehouse;

/// <summary>The schemas every warehouse has, whatever its engine.</summary>
public static class WarehouseSchemas
{
    public static readonly IReadOnlyList<string> Standard = ["raw", "staging", "quarantine", "features", "monitoring"];
}
