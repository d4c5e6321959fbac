namespace ChurnOps.Core.Alerts;

/// <summary>The alert after an ack or resolve, or why it could not move.</summary>
public sealed record AlertTransition(Alert? Alert, string? Error)
{
    public bool Succeeded => Error is null;
}
