namespace ChurnOps.Core.Warehouse;

/// <summary>The number a read-only query measured, or why it could not (refused, failed, not one number).</summary>
public sealed record NumberQueryResult(double? Value, string? Error)
{
    public static NumberQueryResult Of(double value) => new(value, null);

    public static NumberQueryResult Failed(string error) => new(null, error);
}
