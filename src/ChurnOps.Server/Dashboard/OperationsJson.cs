using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// How the operations pages' JSON twins are written: the API's camelCase, enums as words (run state "succeeded", not 2),
/// and an undefined figure the read models did not already null (a NaN statistic) as the string "NaN" rather than a failure.
/// </summary>
internal static class OperationsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);
}
