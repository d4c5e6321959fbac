namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// A version's model card, in the sections of Google's Model Card Toolkit (model_details, model_parameters,
/// quantitative_analysis, considerations) plus the version's approval history. Serialized snake_case as
/// model_card.json and rendered as model_card.md.
/// </summary>
public sealed record ModelCard(
    string Format,
    ModelCardDetails ModelDetails,
    ModelCardParameters ModelParameters,
    ModelCardAnalysis QuantitativeAnalysis,
    ModelCardConsiderations Considerations,
    IReadOnlyList<ModelCardApproval> ApprovalHistory)
{
    public const string CurrentFormat = "churnops-model-card/1";

    public const string JsonFileName = "model_card.json";

    public const string MarkdownFileName = "model_card.md";
}
