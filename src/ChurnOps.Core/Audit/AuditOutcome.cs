namespace ChurnOps.Core.Audit;

/// <summary>How an audited mutation ended.</summary>
public static class AuditOutcome
{
    public const string Succeeded = "succeeded";

    /// <summary>Refused by a rule, a permission or invalid input (HTTP 4xx): nothing changed.</summary>
    public const string Refused = "refused";

    /// <summary>Failed on the server's side (HTTP 5xx, an exception): the change may or may not have happened.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome an HTTP status stands for.</summary>
    public static string ForStatus(int status) => status switch
    {
        < 400 => Succeeded,
        < 500 => Refused,
        _ => Failed,
    };
}
