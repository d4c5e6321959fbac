using System.Buffers;
using System.Text.Json;

namespace ChurnOps.Server.Predict;

/// <summary>
/// Sends a scoring answer written by one JSON writer and buffer per thread, with its Content-Length: no writer or
/// buffer per request, and no chunked framing. The writing is synchronous, so the thread's writer is never shared.
/// </summary>
internal static class PooledJsonResponse
{
    // A buffer grown by a large batch answer is not kept for the thread's lifetime.
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static Task SendAsync<TState>(HttpResponse response, string contentType, TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            write(writer, state);
            writer.Flush();
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = buffer.WrittenCount;
            // Kestrel sends what the pipe holds when the request completes; no flush of our own is needed for a small answer.
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > KeptCapacity)
            {
                t_buffer = null;
                t_writer = null;
            }
        }

        return Task.CompletedTask;
    }
}
