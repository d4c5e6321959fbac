namespace ChurnOps.Server.Mlflow;

/// <summary>MLflow's FileInfo: a path relative to the listed root, and a size for files only.</summary>
internal sealed record MlflowFileInfoJson(string Path, bool IsDir, long? FileSize);
