using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

internal sealed record MlflowRunInputsJson(IReadOnlyList<DatasetInput> DatasetInputs);
