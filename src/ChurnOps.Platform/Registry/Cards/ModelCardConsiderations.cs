namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's considerations: who uses the model, for what, its limitations and tradeoffs.</summary>
public sealed record ModelCardConsiderations(
    IReadOnlyList<ModelCardNote> Users,
    IReadOnlyList<ModelCardNote> UseCases,
    IReadOnlyList<ModelCardNote> Limitations,
    IReadOnlyList<ModelCardNote> Tradeoffs);
