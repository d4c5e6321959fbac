namespace ChurnOps.Training.Packaging;

/// <summary>The input schema of a packaged model (checked before every score) and the label it predicts.</summary>
public sealed record ModelSignature(IReadOnlyList<SignatureColumn> Inputs, string LabelColumn);
