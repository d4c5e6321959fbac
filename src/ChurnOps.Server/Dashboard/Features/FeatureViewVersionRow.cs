namespace ChurnOps.Server.Dashboard.Features;

/// <summary>A version of a view that is current or that a model was trained on (its definition's hash).</summary>
internal sealed record FeatureViewVersionRow(string Version, DateTimeOffset? RegisteredAt, bool Current, IReadOnlyList<string> Models);
