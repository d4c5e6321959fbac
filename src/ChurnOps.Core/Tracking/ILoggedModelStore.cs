namespace ChurnOps.Core.Tracking;

/// <summary>MLflow 3 logged models: create (pending), read, finalize (ready or upload failed), list per experiment.</summary>
public interface ILoggedModelStore
{
    Task<TrackingResult<LoggedModel>> CreateAsync(NewLoggedModel model, CancellationToken cancellationToken);

    Task<TrackingResult<LoggedModel>> GetAsync(string modelId, CancellationToken cancellationToken);

    Task<TrackingResult<LoggedModel>> FinalizeAsync(string modelId, string status, CancellationToken cancellationToken);

    /// <summary>Newest first (creation time, then model id); offset comes from a decoded page token.</summary>
    Task<TrackingResult<LoggedModelPage>> SearchAsync(IReadOnlyList<string> experimentIds, int maxResults, int offset, CancellationToken cancellationToken);
}
