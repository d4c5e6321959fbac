using ChurnOps.Core.Tracking;

namespace ChurnOps.Platform.Tracking;

/// <summary>Thrown by <see cref="RunLogger"/> when the store refuses a call; carries the MLflow-style error.</summary>
public sealed class TrackingException : InvalidOperationException
{
    public TrackingException()
        : this(TrackingError.Invalid("Tracking call failed."))
    {
    }

    public TrackingException(string message)
        : this(TrackingError.Invalid(message))
    {
    }

    public TrackingException(string message, Exception innerException)
        : base(message, innerException) => Error = TrackingError.Invalid(message);

    public TrackingException(TrackingError error)
        : base(error?.Message) => Error = error ?? TrackingError.Invalid("Tracking call failed.");

    public TrackingError Error { get; }
}
