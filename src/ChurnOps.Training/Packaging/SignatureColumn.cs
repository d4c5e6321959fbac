using System.Text.Json.Serialization;
using ChurnOps.Core.Data;

namespace ChurnOps.Training.Packaging;

/// <summary>
/// One model input. <see cref="Kind"/> is "numeric" (numbers, booleans, timestamps) or "text"; <see cref="DataKind"/> is the
/// exact column kind. Required means the column must be present in a request; its value may still be null (missing).
/// </summary>
public sealed record SignatureColumn(string Name, string Kind, bool Required)
{
    [JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))]
    public ColumnKind DataKind { get; init; } = ColumnKind.Numeric;
}
