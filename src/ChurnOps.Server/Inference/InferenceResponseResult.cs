using System.Text.Json;
using ChurnOps.Server.Predict;

namespace ChurnOps.Server.Inference;

/// <summary>
/// The Open Inference Protocol response (model_name, model_version, id, outputs probability FP32 and label BOOL), written
/// through a pooled writer with its Content-Length: no response object graph, no reflection, on the hottest path of the server.
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

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return PooledJsonResponse.SendAsync(httpContext.Response, "application/json; charset=utf-8", this, static (writer, answer) => answer.Write(writer));
    }

    private void Write(Utf8JsonWriter writer)
    {
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
