using static ChurnOps.Core.Access.TeamRoles;

namespace ChurnOps.Core.Access;

/// <summary>
/// The RACI a project gets when churnops.yaml names none for an activity, by role, following the seeds: data
/// engineering owns ingestion and contracts, data science trains, ML engineering registers, MLOps approves, deploys,
/// rolls back, retrains and answers alerts, software engineering owns the API.
/// </summary>
public static class DefaultRaci
{
    public static IReadOnlyDictionary<string, RaciAssignment> Assignments { get; } = new Dictionary<string, RaciAssignment>(StringComparer.Ordinal)
    {
        [Activities.Ingest] = New([DataEngineering], [DataEngineering], [DataScience], [MlEngineering, Mlops]),
        [Activities.ContractChange] = New([DataEngineering], [DataEngineering], [DataScience, MlEngineering], [Mlops]),
        [Activities.ContractApproval] = New([DataScience, MlEngineering, Mlops], [DataScience], [DataEngineering], [Product]),
        [Activities.FeatureChange] = New([DataEngineering, MlEngineering, DataScience], [DataEngineering], [Mlops], [Product]),
        [Activities.Train] = New([DataScience, MlEngineering, Mlops], [DataScience], [DataEngineering], [Product]),
        [Activities.Register] = New([MlEngineering, DataScience], [MlEngineering], [Mlops], [SoftwareEngineering]),
        [Activities.Approve] = New([Mlops], [Mlops], [MlEngineering, DataScience], [SoftwareEngineering, Product]),
        [Activities.Deploy] = New([Mlops], [Mlops], [Devops, SoftwareEngineering], [DataScience, Product]),
        [Activities.Rollback] = New([Mlops, Devops], [Mlops], [SoftwareEngineering], [DataScience, Product]),
        [Activities.Retrain] = New([Mlops], [Mlops], [DataScience], [MlEngineering]),
        [Activities.ApiChange] = New([SoftwareEngineering], [SoftwareEngineering], [Mlops], [Product]),
        [Activities.AlertAck] = New([Mlops, DataEngineering, Devops], [Mlops], [DataScience], [Product]),
        [Activities.Monitor] = New([Mlops], [Mlops], [DataScience], [Product]),
        [Activities.PipelineRun] = New([Mlops, DataEngineering], [Mlops], [Devops], [DataScience]),
        [Activities.Delete] = New([MlEngineering, Mlops], [Mlops], [DataScience], [Product]),
        [Activities.AccessAdmin] = New([Mlops, Devops], [Mlops], [], [Product]),
    };

    private static RaciAssignment New(string[] responsible, string[] accountable, string[] consulted, string[] informed) =>
        new(responsible, accountable, consulted, informed);
}
