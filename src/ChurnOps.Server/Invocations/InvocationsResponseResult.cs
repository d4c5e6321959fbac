using System.Text.Json;

namespace ChurnOps.Server.Invocations;

/// <summary>MLflow's scoring answer, {"predictions": [p, ...]}: the probability of churn per row, in request order.</summary>
internal sealed class InvocationsResponseResult(float[] probabilities) : IResult
{
    private static readonly JsonEncodedText Predictions = JsonEncodedText.Encode("predictions");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray(Predictions);
        foreach (var probability in probabilities)
        {
            writer.WriteNumberValue(probability);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
