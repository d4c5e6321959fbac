namespace ChurnOps.Platform.Registry.Cards;

/// <summary>One entry of a considerations list ({"description": ...}, as Model Card Toolkit writes them).</summary>
public sealed record ModelCardNote(string Description);
