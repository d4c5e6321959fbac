namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>One named line of a line chart, its points in x order.</summary>
internal sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points);
