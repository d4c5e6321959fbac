using System.Text;
using System.Text.Json;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// A version's evaluation evidence and model card, stored as artifacts next to its model (evaluation_evidence.json,
/// model_card.json, model_card.md), each written whole or not at all. The card stored at registration is the card as of
/// then; <see cref="BuildAsync"/> builds it again from the evidence with today's aliases, approvals and segments.
/// </summary>
public sealed class ModelCardStore(IArtifactStore artifacts, IModelRegistry registry, ProjectConfig config)
{
    internal static readonly JsonSerializerOptions CardJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
    };

    /// <summary>The store folder of a version's model artifact ("…/model/model.zip" → "…/model").</summary>
    public static string Folder(string modelArtifact)
    {
        ArgumentNullException.ThrowIfNull(modelArtifact);
        var slash = modelArtifact.LastIndexOf('/');
        return slash < 0 ? string.Empty : modelArtifact[..slash];
    }

    private static string PathNextTo(string modelArtifact, string file) => Folder(modelArtifact) is { Length: > 0 } folder ? folder + "/" + file : file;

    /// <summary>Writes the evidence next to the model artifact; returns its store path.</summary>
    public async Task<string> WriteEvidenceAsync(string modelArtifact, EvaluationEvidence evidence, CancellationToken ct)
    {
        var info = await artifacts.WriteAsync(PathNextTo(modelArtifact, EvaluationEvidence.FileName), (s, token) => EvaluationEvidenceJson.WriteAsync(s, evidence, token), ct).ConfigureAwait(false);
        return info.Path;
    }

    /// <summary>The version's recorded evidence, or why there is none.</summary>
    public async Task<(EvaluationEvidence? Evidence, string? Error)> ReadEvidenceAsync(ModelVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var path = PathNextTo(version.ArtifactPath, EvaluationEvidence.FileName);
        var stream = await artifacts.OpenReadAsync(path, ct).ConfigureAwait(false);
        if (stream is null)
        {
            return (null, $"{version.ModelName} version {version.Version} has no recorded evaluation evidence ({path}); it was registered without it (by an MLflow client, or before ChurnOps recorded it)");
        }

        await using (stream.ConfigureAwait(false))
        {
            var (evidence, error) = await EvaluationEvidenceJson.ReadAsync(stream, ct).ConfigureAwait(false);
            return evidence is null ? (null, $"{path}: {error}") : (evidence, null);
        }
    }

    /// <summary>The card of a version as of now (today's aliases, approvals and model.segments), or why there is none.</summary>
    public async Task<(ModelCard? Card, string? Error)> BuildAsync(ModelVersion version, CancellationToken ct)
    {
        var (evidence, error) = await ReadEvidenceAsync(version, ct).ConfigureAwait(false);
        return evidence is null ? (null, error) : (await BuildAsync(version, evidence, ct).ConfigureAwait(false), null);
    }

    /// <summary>Builds the card from the evidence and writes model_card.json and model_card.md next to the model; returns their store paths.</summary>
    public async Task<IReadOnlyList<string>> WriteCardAsync(ModelVersion version, EvaluationEvidence evidence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var card = await BuildAsync(version, evidence, ct).ConfigureAwait(false);
        var json = await artifacts.WriteAsync(PathNextTo(version.ArtifactPath, ModelCard.JsonFileName), (s, token) => JsonSerializer.SerializeAsync(s, card, CardJson, token), ct).ConfigureAwait(false);
        var markdown = Encoding.UTF8.GetBytes(ModelCardMarkdown.Render(card));
        var md = await artifacts.WriteAsync(PathNextTo(version.ArtifactPath, ModelCard.MarkdownFileName), (s, token) => s.WriteAsync(markdown, token).AsTask(), ct).ConfigureAwait(false);
        return [json.Path, md.Path];
    }

    public static string ToJson(ModelCard card) => JsonSerializer.Serialize(card, CardJson);

    private async Task<ModelCard> BuildAsync(ModelVersion version, EvaluationEvidence evidence, CancellationToken ct)
    {
        var aliases = (await registry.GetAliasesAsync(version.ModelName, ct).ConfigureAwait(false))
            .Where(a => a.Value == version.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        var approvals = await ApprovalsAsync(version, ct).ConfigureAwait(false);
        return ModelCardBuilder.Build(version, evidence, config, aliases, approvals);
    }

    private async Task<IReadOnlyList<ModelCardApproval>> ApprovalsAsync(ModelVersion version, CancellationToken ct) =>
        (await registry.GetApprovalsAsync(version.ModelName, version.Version, ct).ConfigureAwait(false))
            .Select(a => new ModelCardApproval(a.Decision == ApprovalDecision.Approve ? "approved" : "rejected", a.Team, a.Actor, a.DecidedAt, a.Note))
            .ToList();
}
