namespace ChurnOps.Core.Alerts;

/// <summary>
/// A raised alert, e.g. a <c>DataSLAViolation</c>: which contract and rule, what was measured against which threshold,
/// and the team to notify (the contract's producer).
/// </summary>
public sealed record Alert(
    long Id,
    string Type,
    string Subject,
    string Rule,
    string Measured,
    string Threshold,
    string Team,
    string Message,
    DateTimeOffset RaisedAt)
{
    public const string DataSlaViolation = "DataSLAViolation";
}
