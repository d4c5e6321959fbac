namespace ChurnOps.Core.Contracts;

/// <summary>A stored contract version: the YAML as published, and whether it is live or waiting for consumer sign-off.</summary>
public sealed record PublishedContract(string Id, string Version, string Status, string Yaml, string PublishedBy, DateTimeOffset At)
{
    public const string Published = "published";
    public const string PendingApproval = "pending-approval";
}
