namespace ChurnOps.Core.Registry;

/// <summary>One page of a registry search; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record RegistryPage<T>(IReadOnlyList<T> Items, string? NextPageToken);
