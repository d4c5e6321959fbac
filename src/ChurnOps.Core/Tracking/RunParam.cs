namespace ChurnOps.Core.Tracking;

/// <summary>A run parameter. Immutable once logged: the same key may be logged again only with the same value.</summary>
public sealed record RunParam(string Key, string Value);
