namespace ChurnOps.Core.Registry;

/// <summary>A value or a <see cref="RegistryError"/>; never both.</summary>
public sealed class RegistryResult<T>
{
    private RegistryResult(T? value, RegistryError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public RegistryError? Error { get; }

    public bool IsSuccess => Error is null;

    public static RegistryResult<T> Ok(T value) => new(value, null);

    public static RegistryResult<T> Fail(RegistryError error) => new(default, error);

    public static implicit operator RegistryResult<T>(RegistryError error) => Fail(error);

    public static implicit operator RegistryResult<T>(T value) => Ok(value);
}
