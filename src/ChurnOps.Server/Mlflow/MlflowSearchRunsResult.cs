using System.Text.Json;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>runs/search's 200 response, written into the response pipe as it is produced and flushed every 100 runs.</summary>
internal sealed class MlflowSearchRunsResult(RunPage page) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var pipe = httpContext.Response.BodyWriter;
        var runs = page.Runs;
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteStartArray("runs");
        for (var i = 0; i < runs.Count; i++)
        {
            MlflowRunsJsonWriter.WriteRun(writer, runs[i]);
            if ((i + 1) % MlflowRunsJsonWriter.RunsPerFlush == 0)
            {
                // The pipe never holds the whole page: each chunk goes to the socket while the next is written.
                writer.Flush();
                await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        if (page.NextPageToken is not null)
        {
            writer.WriteString("next_page_token", page.NextPageToken);
        }

        writer.WriteEndObject();
        writer.Flush();
        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
