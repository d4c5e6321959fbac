namespace ChurnOps.Core.Tracking;

/// <summary>A value or a <see cref="TrackingError"/>; never both.</summary>
public sealed class TrackingResult<T>
{
    private TrackingResult(T? value, TrackingError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public TrackingError? Error { get; }

    public bool IsSuccess => Error is null;

    public static TrackingResult<T> Ok(T value) => new(value, null);

    public static TrackingResult<T> Fail(TrackingError error) => new(default, error);

    public static implicit operator TrackingResult<T>(TrackingError error) => Fail(error);
}
