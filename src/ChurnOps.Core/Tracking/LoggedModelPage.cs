namespace ChurnOps.Core.Tracking;

public sealed record LoggedModelPage(IReadOnlyList<LoggedModel> Models, string? NextPageToken);
