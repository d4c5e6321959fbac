using System.Text.Json;
using ChurnOps.Server.Predict;

namespace ChurnOps.Server.Invocations;

/// <summary>MLflow's scoring answer, {"predictions": [p, ...]}: the probability of churn per row, in request order.</summary>
internal sealed class InvocationsResponseResult(float[] probabilities) : IResult
{
    private static readonly JsonEncodedText Predictions = JsonEncodedText.Encode("predictions");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return PooledJsonResponse.SendAsync(httpContext.Response, "application/json", probabilities, static (writer, scores) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Predictions);
            foreach (var probability in scores)
            {
                writer.WriteNumberValue(probability);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
