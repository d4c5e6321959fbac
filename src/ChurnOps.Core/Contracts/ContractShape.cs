namespace ChurnOps.Core.Contracts;

/// <summary>
/// One object of a standard's JSON Schema: its fields, which are required, and whether other keys are refused
/// (<c>additionalProperties</c>/<c>unevaluatedProperties: false</c>).
/// </summary>
internal sealed record ContractShape(string Name, IReadOnlyDictionary<string, ShapeValue> Fields, IReadOnlyList<string> Required, bool Closed)
{
    public static ContractShape Open(string name, IReadOnlyDictionary<string, ShapeValue> fields, params string[] required) =>
        new(name, fields, required, Closed: false);

    public static ContractShape Shut(string name, IReadOnlyDictionary<string, ShapeValue> fields, params string[] required) =>
        new(name, fields, required, Closed: true);

    /// <summary>The same shape with more fields (JSON Schema's allOf of two objects).</summary>
    public ContractShape With(IReadOnlyDictionary<string, ShapeValue> more, params string[] required)
    {
        var fields = new Dictionary<string, ShapeValue>(Fields, StringComparer.Ordinal);
        foreach (var (k, v) in more)
        {
            fields[k] = v;
        }

        return this with { Fields = fields, Required = [.. Required, .. required] };
    }
}
