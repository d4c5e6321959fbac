namespace ChurnOps.Server.Features;

/// <summary>GET /api/v1/features/online: the latest values of one entity, with the view version they came from.</summary>
public sealed record OnlineFeaturesResponse(string View, string Version, string Entity, DateTimeOffset EventTimestamp, IReadOnlyDictionary<string, object?> Features);
