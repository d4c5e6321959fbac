namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's version: the version number, when it was registered, and how it differs (the selection note).</summary>
public sealed record ModelCardVersion(string Name, DateTimeOffset Date, string? Diff, string CreatedBy);
