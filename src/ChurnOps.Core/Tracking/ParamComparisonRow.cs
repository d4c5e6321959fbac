namespace ChurnOps.Core.Tracking;

/// <summary>One param across compared runs; a null value means that run did not log it.</summary>
public sealed record ParamComparisonRow(string Key, IReadOnlyList<string?> Values, bool Differs);
