using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Reads an infer request body whole (Kestrel already caps it at serving.max_request_bytes) and parses it in one pass
/// over the buffered bytes. Parsing a complete buffer means the JSON reader never sees a partial block, where skipping a
/// value (an unknown field, a null) is not allowed; errors are told in the protocol's words, never as .NET type names.
/// </summary>
internal static class InferenceRequestReader
{
    /// <summary>
    /// Waits for the whole body and returns it unconsumed: the caller reads it (the column reader, else <see cref="Parse"/>)
    /// and then advances the pipe past it.
    /// </summary>
    public static async ValueTask<ReadResult> ReadWholeAsync(PipeReader body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                return result;
            }

            // Nothing consumed, everything examined: the next read returns once more of the body has arrived.
            body.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Parses a complete request body.</summary>
    public static (InferenceRequest? Request, string? Error) Parse(ReadOnlySequence<byte> body)
    {
        try
        {
            var reader = body.IsSingleSegment ? new Utf8JsonReader(body.FirstSpan) : new Utf8JsonReader(body);
            var request = JsonSerializer.Deserialize(ref reader, InferenceJsonContext.Default.InferenceRequest);

            // Deserialize stops after the first value; anything but whitespace after it is malformed JSON.
            if (reader.Read())
            {
                return (null, "malformed JSON: content after the request object");
            }

            return (request, null);
        }
        catch (JsonException ex)
        {
            return (null, InferenceProtocolErrors.Describe(body, ex));
        }
    }
}
