using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>MLflow's Run on the wire: info, data (metrics, params, tags) and inputs.dataset_inputs.</summary>
internal sealed record MlflowRunJson(MlflowRunInfoJson Info, RunData Data, MlflowRunInputsJson Inputs)
{
    public static MlflowRunJson From(Run run) => new(MlflowRunInfoJson.From(run.Info), run.Data, new MlflowRunInputsJson(run.Inputs));
}
