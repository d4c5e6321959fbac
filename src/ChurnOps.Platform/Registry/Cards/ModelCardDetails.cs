namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's model_details: what the model is, who owns it, which version this is and where it lives.</summary>
public sealed record ModelCardDetails(
    string Name,
    string Overview,
    IReadOnlyList<ModelCardOwner> Owners,
    ModelCardVersion Version,
    string Path,
    IReadOnlyList<string> Aliases,
    string Status);
