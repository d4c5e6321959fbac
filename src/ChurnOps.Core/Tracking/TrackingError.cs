namespace ChurnOps.Core.Tracking;

/// <summary>An expected tracking failure (bad input, unknown run, duplicate name), returned as a value.</summary>
public sealed record TrackingError(TrackingErrorCode Code, string Message)
{
    public static TrackingError Invalid(string message) => new(TrackingErrorCode.InvalidParameterValue, message);

    public static TrackingError NotFound(string message) => new(TrackingErrorCode.ResourceDoesNotExist, message);

    public static TrackingError AlreadyExists(string message) => new(TrackingErrorCode.ResourceAlreadyExists, message);

    /// <summary>Several validation failures reported together, so a caller fixes them all in one go.</summary>
    public static TrackingError? FromAll(IReadOnlyList<string> errors) =>
        errors.Count == 0 ? null : Invalid(string.Join(" ", errors));
}
