namespace ChurnOps.Server.Mlflow;

/// <summary>runs/search's response; a named type so its serializer is source-generated (the largest MLflow payload).</summary>
internal sealed record MlflowSearchRunsResponse(IReadOnlyList<MlflowRunJson> Runs, string? NextPageToken);
