using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// The JSON dialect MLflow clients speak: snake_case fields, absent rather than null fields, and NaN/Infinity as the
/// strings protobuf's JSON mapping uses.
/// </summary>
internal static class MlflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Empty() => Results.Json(new Dictionary<string, object>(), Options);
}
