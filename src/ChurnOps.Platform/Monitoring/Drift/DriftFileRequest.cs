using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Platform.Monitoring.Drift;

/// <summary>Two files to compare, the columns to compare (null = every reference column), and the engine options.</summary>
public sealed record DriftFileRequest(string ReferencePath, string CurrentPath, IReadOnlyList<string>? Columns, DriftOptions Options);
