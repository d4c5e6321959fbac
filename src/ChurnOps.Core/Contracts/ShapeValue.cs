namespace ChurnOps.Core.Contracts;

/// <summary>What one field of a contract object may hold (a small, typed transcription of a JSON-Schema property).</summary>
internal sealed record ShapeValue(ShapeKind Kind)
{
    public static readonly ShapeValue String = new(ShapeKind.String);
    public static readonly ShapeValue Integer = new(ShapeKind.Integer);
    public static readonly ShapeValue NonNegativeInteger = new(ShapeKind.Integer) { Minimum = 0 };
    public static readonly ShapeValue Number = new(ShapeKind.Number);
    public static readonly ShapeValue Boolean = new(ShapeKind.Boolean);
    public static readonly ShapeValue Scalar = new(ShapeKind.Scalar);
    public static readonly ShapeValue Any = new(ShapeKind.Any);
    public static readonly ShapeValue Delegated = new(ShapeKind.Delegated);
    public static readonly ShapeValue Strings = ArrayOf(String);

    /// <summary>Allowed values of a string (a JSON-Schema enum).</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    public ContractShape? Object { get; init; }

    /// <summary>Items of an array, values of a map.</summary>
    public ShapeValue? Items { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>No two items of the array may be equal (JSON Schema's uniqueItems, compared as the YAML scalars' text and type).</summary>
    public bool UniqueItems { get; init; }

    public double? Minimum { get; init; }

    /// <summary>A regular expression a string (or a map's key) must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Scalar types that are all allowed (JSON Schema's type list or anyOf of scalar types).</summary>
    public IReadOnlyList<ShapeKind>? Kinds { get; init; }

    public static ShapeValue Either(params ShapeKind[] kinds) => new(ShapeKind.Scalar) { Kinds = kinds };

    public static ShapeValue OneOf(params string[] values) => new(ShapeKind.String) { Enum = values };

    public static ShapeValue ArrayOf(ShapeValue items) => new(ShapeKind.Array) { Items = items };

    public static ShapeValue Of(ContractShape shape) => new(ShapeKind.Object) { Object = shape };

    public static ShapeValue MapOf(ShapeValue values) => new(ShapeKind.Map) { Items = values };
}
