namespace ChurnOps.Platform.Registry.Cards;

/// <summary>One segment of the test split (a value of a model.segments column): its size, and why it has no metrics when it has none.</summary>
public sealed record ModelCardSegment(string Column, string Value, int Rows, int Positives, string? Note);
