namespace ChurnOps.Core.Features;

/// <summary>How far a view has been copied to the online store: rows up to <see cref="Watermark"/> (event time) are there.</summary>
public sealed record MaterializationState(string View, string Version, DateTimeOffset? Watermark, long Entities, DateTimeOffset MaterializedAt);
