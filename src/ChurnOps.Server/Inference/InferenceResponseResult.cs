using System.Text.Json;

namespace ChurnOps.Server.Inference;

/// <summary>
/// The Open Inference Protocol response (model_name, model_version, id, outputs probability FP32 and label BOOL), written
/// straight into the response pipe: no response object graph, no reflection, on the hottest path of the server.
/// </summary>
internal sealed class InferenceResponseResult(string model, string version, string id, float[] probabilities, bool[] labels) : IResult
{
    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model_name");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("model_version");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Outputs = JsonEncodedText.Encode("outputs");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Shape = JsonEncodedText.Encode("shape");
    private static readonly JsonEncodedText Datatype = JsonEncodedText.Encode("datatype");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Fp32 = JsonEncodedText.Encode("FP32");
    private static readonly JsonEncodedText Bool = JsonEncodedText.Encode("BOOL");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString(ModelName, model);
        writer.WriteString(ModelVersion, version);
        writer.WriteString(Id, id);
        writer.WriteStartArray(Outputs);

        WriteOutputHeader(writer, Probability, probabilities.Length, Fp32);
        foreach (var probability in probabilities)
        {
            writer.WriteNumberValue(probability);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        WriteOutputHeader(writer, Label, labels.Length, Bool);
        foreach (var label in labels)
        {
            writer.WriteBooleanValue(label);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Opens one output tensor up to its data array: {"name":…,"shape":[rows],"datatype":…,"data":[</summary>
    private static void WriteOutputHeader(Utf8JsonWriter writer, JsonEncodedText name, int rows, JsonEncodedText datatype)
    {
        writer.WriteStartObject();
        writer.WriteString(Name, name);
        writer.WriteStartArray(Shape);
        writer.WriteNumberValue(rows);
        writer.WriteEndArray();
        writer.WriteString(Datatype, datatype);
        writer.WriteStartArray(Data);
    }
}
