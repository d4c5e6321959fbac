namespace ChurnOps.Server.Dashboard.Features;

/// <summary>A feature view's page: the view, its known versions, its features' statistics, its SQL.</summary>
internal sealed record FeatureViewDetail(FeatureViewRow View, string Ttl, IReadOnlyList<FeatureViewVersionRow> Versions, IReadOnlyList<FeatureStat> Statistics, long? BuildId, string Sql);
