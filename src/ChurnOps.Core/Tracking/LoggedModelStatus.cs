namespace ChurnOps.Core.Tracking;

/// <summary>MLflow's LoggedModelStatus enum names, as its JSON carries them.</summary>
public static class LoggedModelStatus
{
    public const string Pending = "LOGGED_MODEL_PENDING";
    public const string Ready = "LOGGED_MODEL_READY";
    public const string UploadFailed = "LOGGED_MODEL_UPLOAD_FAILED";

    /// <summary>The states a finalize may move a model to.</summary>
    public static bool IsFinal(string? status) => status is Ready or UploadFailed;
}
