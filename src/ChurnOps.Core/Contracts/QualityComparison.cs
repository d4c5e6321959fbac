using System.Globalization;

namespace ChurnOps.Core.Contracts;

/// <summary>The ODCS comparison on a measured value: mustBe, mustNotBe, mustBeGreaterThan, …, mustBeBetween.</summary>
public sealed record QualityComparison(string Operator, double Value, double? UpperValue = null)
{
    public static IReadOnlyList<string> Operators { get; } =
    [
        "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo",
        "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo", "mustBeBetween", "mustNotBeBetween",
    ];

    public bool IsSatisfiedBy(double measured) => Operator switch
    {
        "mustBe" => measured == Value,
        "mustNotBe" => measured != Value,
        "mustBeGreaterThan" => measured > Value,
        "mustBeGreaterOrEqualTo" or "mustBeGreaterThanOrEqualTo" => measured >= Value,
        "mustBeLessThan" => measured < Value,
        "mustBeLessOrEqualTo" or "mustBeLessThanOrEqualTo" => measured <= Value,
        "mustBeBetween" => measured >= Value && measured <= UpperValue,
        "mustNotBeBetween" => measured < Value || measured > UpperValue,
        _ => false,
    };

    public string Describe() => Operator is "mustBeBetween" or "mustNotBeBetween"
        ? $"{Operator} [{Format(Value)}, {Format(UpperValue ?? double.NaN)}]"
        : $"{Operator} {Format(Value)}";

    private static string Format(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
