using ChurnOps.Core.Data;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Scores a routed request with its arm's model. A candidate that cannot be loaded or throws counts as an error in the
/// candidate's figures and the request is answered by the stable arm instead, so a bad candidate never fails a client.
/// </summary>
internal static class DeploymentScoring
{
    public static async ValueTask<(ServedModel Served, float[] Probabilities, ArmTicket Ticket)> ScoreAsync(
        ArmTicket ticket, ServedModel aliasModel, TabularData data, ServedModelCache models, ShadowMirror mirror, CancellationToken ct)
    {
        if (ticket.IsCandidate)
        {
            try
            {
                var candidate = ticket.Model;
                if (candidate is null)
                {
                    (candidate, _) = await models.GetVersionAsync(ticket.Deployment.ModelName, ticket.Version, ct).ConfigureAwait(false);
                    ticket.Model = candidate;
                }

                if (candidate is not null)
                {
                    return (candidate, candidate.Engine.ScoreBatch(data), ticket);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Counted below; the stable arm answers.
            }

            ticket.Counters.Failed();
            ticket = ticket.Stable;
        }

        var stable = aliasModel;
        if (aliasModel.Version.Version != ticket.Version)
        {
            var exact = ticket.Model;
            if (exact is null)
            {
                (exact, _) = await models.GetVersionAsync(ticket.Deployment.ModelName, ticket.Version, ct).ConfigureAwait(false);
                ticket.Model = exact;
            }

            stable = exact ?? aliasModel;
        }

        var probabilities = stable.Engine.ScoreBatch(data);
        if (ticket.Mirror)
        {
            mirror.Mirror(ticket, data);
        }

        return (stable, probabilities, ticket);
    }
}
