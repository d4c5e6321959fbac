using System.Text.Json;

namespace ChurnOps.Server.Predict;

/// <summary>
/// The native predict answer, the same JSON as <see cref="PredictResponse"/> serialised (model, request_id, threshold,
/// and per row entity_id, probability, churn, model_version, arm), written through a pooled writer with its Content-Length.
/// </summary>
internal sealed class PredictResponseResult(string model, string requestId, double threshold, string?[]? entities, float[] probabilities, bool[] decisions, int version, string arm) : IResult
{
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    private static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");
    private static readonly JsonEncodedText Predictions = JsonEncodedText.Encode("predictions");
    private static readonly JsonEncodedText EntityId = JsonEncodedText.Encode("entity_id");
    private static readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText Churn = JsonEncodedText.Encode("churn");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("model_version");
    private static readonly JsonEncodedText Arm = JsonEncodedText.Encode("arm");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return PooledJsonResponse.SendAsync(httpContext.Response, "application/json; charset=utf-8", this, static (writer, answer) => answer.Write(writer));
    }

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(Model, model);
        writer.WriteString(RequestId, requestId);
        writer.WriteNumber(Threshold, threshold);
        writer.WriteStartArray(Predictions);
        for (var i = 0; i < probabilities.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteString(EntityId, entities?[i]);
            // Widened as the record's double property was: the same digits as before.
            writer.WriteNumber(Probability, (double)probabilities[i]);
            writer.WriteBoolean(Churn, decisions[i]);
            writer.WriteNumber(ModelVersion, version);
            writer.WriteString(Arm, arm);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
