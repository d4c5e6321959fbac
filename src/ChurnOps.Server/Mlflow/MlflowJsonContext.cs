using System.Text.Json.Serialization;

namespace ChurnOps.Server.Mlflow;

/// <summary>Compile-time serializers for the hot MLflow responses, with the same dialect as <see cref="MlflowJson.Options"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MlflowSearchRunsResponse))]
internal sealed partial class MlflowJsonContext : JsonSerializerContext;
