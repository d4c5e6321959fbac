namespace ChurnOps.Platform.Features;

/// <summary>One view copied to the online store: entities written this time and the new event-time watermark.</summary>
public sealed record ViewMaterialization(string View, string Version, long EntitiesWritten, long EntitiesOnline, DateTimeOffset? Watermark, bool Full);
