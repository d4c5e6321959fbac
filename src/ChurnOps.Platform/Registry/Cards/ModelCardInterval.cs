namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's confidence_interval.</summary>
public sealed record ModelCardInterval(double LowerBound, double UpperBound);
