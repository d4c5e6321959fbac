namespace ChurnOps.Core.Registry;

/// <summary>One order_by term: name, version_number, creation_timestamp or last_updated_timestamp.</summary>
public sealed record RegistryOrder(string Field, bool Descending);
