namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>A point of a line; <see cref="Low"/> and <see cref="High"/>, when both are given, draw a band (e.g. CBPE's interval).</summary>
internal sealed record LinePoint(double X, double Y, double? Low = null, double? High = null);
