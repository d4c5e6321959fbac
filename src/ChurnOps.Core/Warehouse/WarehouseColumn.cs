namespace ChurnOps.Core.Warehouse;

public sealed record WarehouseColumn(string Name, string SqlType, bool Nullable);
