namespace ChurnOps.Core.Ownership;

/// <summary>Whether a hand-off holds: green (as promised), amber (waiting on someone: a sign-off, a canary), red (broken: an open alert, a rejection, nothing serving).</summary>
public static class HandoffStatus
{
    public const string Green = "green";
    public const string Amber = "amber";
    public const string Red = "red";
}
