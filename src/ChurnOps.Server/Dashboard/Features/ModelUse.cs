namespace ChurnOps.Server.Dashboard.Features;

/// <summary>A model version trained on a feature view, at which version of the view, and the aliases it holds.</summary>
internal sealed record ModelUse(string Model, int Version, string ViewVersion, IReadOnlyList<string> Aliases, bool OnCurrentVersion);
