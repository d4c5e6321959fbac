namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>One series of a bar chart: a value per category (e.g. reference vs current counts per histogram bin).</summary>
internal sealed record BarSeries(string Name, IReadOnlyList<double> Values);
