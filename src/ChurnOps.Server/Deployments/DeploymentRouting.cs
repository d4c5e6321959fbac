using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// The inference path's seam: scores a request with the alias's model, or — when the model has an open deployment and
/// the request named no exact version — with the arm the router picks: by the entity id when the request carries one
/// (the first row's entity column, else the request's <c>parameters.{entity}</c>), at random otherwise.
/// </summary>
internal sealed class DeploymentRouting(IServingRouter router, ServedModelCache models, ShadowMirror mirror)
{
    public ValueTask<RoutedScore> ScoreAsync(string model, string? exactVersion, ServedModel served, TabularData data, string entityColumn, IReadOnlyDictionary<string, JsonElement>? parameters, CancellationToken ct)
    {
        var ticket = exactVersion is null ? router.Route(model, served, FirstEntity(data, entityColumn) ?? Parameter(parameters, entityColumn)) : null;
        if (ticket is null)
        {
            return ValueTask.FromResult(new RoutedScore(served, served.Engine.ScoreBatch(data), null));
        }

        // Most of a canary's traffic: the stable arm, which the alias already serves, nothing to mirror. Answered here,
        // without the candidate's fallback path.
        if (!ticket.IsCandidate && !ticket.Mirror && served.Version.Version == ticket.Version)
        {
            return ValueTask.FromResult(new RoutedScore(served, served.Engine.ScoreBatch(data), ticket));
        }

        return RoutedAsync(ticket, served, data, ct);
    }

    private async ValueTask<RoutedScore> RoutedAsync(ArmTicket ticket, ServedModel served, TabularData data, CancellationToken ct)
    {
        var (scoredBy, probabilities, arm) = await DeploymentScoring.ScoreAsync(ticket, served, data, models, mirror, ct).ConfigureAwait(false);
        return new RoutedScore(scoredBy, probabilities, arm);
    }

    private static string? Parameter(IReadOnlyDictionary<string, JsonElement>? parameters, string entityColumn) =>
        parameters is not null && parameters.TryGetValue(entityColumn, out var value)
            ? value.ValueKind switch { JsonValueKind.String => value.GetString(), JsonValueKind.Number => value.GetRawText(), _ => null }
            : null;

    private static string? FirstEntity(TabularData data, string entityColumn) =>
        data.RowCount > 0 && data.TryGetColumn(entityColumn, out var column) && column.Texts is { } texts ? texts[0] : null;
}
