using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using ChurnOps.Server.Inference;
using ChurnOps.Server.Predict;
using Microsoft.Net.Http.Headers;

namespace ChurnOps.Server.Invocations;

/// <summary>
/// MLflow's pyfunc scoring protocol next to the Open Inference Protocol, so `mlflow models predict`-style clients and MLflow
/// deployment plug-ins score against ChurnOps unchanged: POST /invocations (JSON or CSV) answers {"predictions": [...]}
/// with the probability of churn per row from the model the serving alias names. (/ping is a health endpoint; /version is
/// MLflow's, answered by the MLflow API.)
/// </summary>
internal static class InvocationsEndpoints
{
    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/invocations", InvokeAsync).WithTags("Scoring (MLflow protocol)").WithName("Invocations");
        return app;
    }

    private static async Task<IResult> InvokeAsync(HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, CancellationToken ct)
    {
        if (ContentTypeError(http.ContentType) is { } contentTypeError)
        {
            return contentTypeError.ToResult();
        }

        var config = workspace.Config;
        var (served, error) = await models.GetAsync(config.Model.Name, config.Serving.Alias, ct).ConfigureAwait(false);
        if (served is null)
        {
            return error!.Contains("is not registered", StringComparison.Ordinal)
                ? new ScoringProtocolError(StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST", error).ToResult()
                : new ScoringProtocolError(StatusCodes.Status503ServiceUnavailable, "TEMPORARILY_UNAVAILABLE", error).ToResult();
        }

        TabularData? data;
        ScoringProtocolError? parseError;
        try
        {
            (data, parseError) = IsCsv(http.ContentType!)
                ? InvocationsCsvParser.Parse(await ReadTextAsync(http, ct).ConfigureAwait(false), served.Engine.Signature.Inputs, config.Model.Entity)
                : await ParseJsonAsync(http, served, config.Model.Entity, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ScoringProtocolError(StatusCodes.Status413PayloadTooLarge, "REQUEST_LIMIT_EXCEEDED", $"request body exceeds {config.Serving.MaxRequestBytes} bytes").ToResult();
        }
        catch (DecoderFallbackException)
        {
            return ScoringProtocolError.InvalidInput("The body is not valid UTF-8.").ToResult();
        }

        if (data is null)
        {
            return parseError!.ToResult();
        }

        var requestId = OnlineScoring.RequestId(http);
        OnlineScore score;
        try
        {
            var routing = http.HttpContext.RequestServices.GetRequiredService<DeploymentRouting>();
            score = await OnlineScoring.ScoreAndLogAsync(routing, config.Model.Name, null, null, served, data, requestId, config.Model.Entity, log, workspace.Time, Stopwatch.GetTimestamp(), ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return ScoringProtocolError.BadRequest(ex.Message).ToResult();
        }
        catch (IOException ex)
        {
            return new ScoringProtocolError(StatusCodes.Status503ServiceUnavailable, "TEMPORARILY_UNAVAILABLE", ex.Message).ToResult();
        }

        var headers = http.HttpContext.Response.Headers;
        headers["x-model-version"] = score.ScoredBy.Version.Version.ToString(CultureInfo.InvariantCulture);
        headers["x-request-id"] = requestId;
        DeploymentHeaders.Set(headers, score.Arm);
        return new InvocationsResponseResult(score.Probabilities);
    }

    /// <summary>MLflow's rules: application/json or text/csv, UTF-8 only, no other parameters; anything else is 415.</summary>
    private static ScoringProtocolError? ContentTypeError(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return Unsupported($"This predictor only supports the following content types: ['text/csv', 'application/json']. Got '{InvocationsFormat.Cut(contentType ?? string.Empty)}'.");
        }

        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported("The scoring server only supports UTF-8");
        }

        var other = media.Parameters.Where(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name.ToString()).ToList();
        if (other.Count > 0)
        {
            return Unsupported($"Unrecognized content type parameters: {InvocationsFormat.Cut(string.Join(", ", other))}.");
        }

        var type = media.MediaType.ToString();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            ? null
            : Unsupported($"This predictor only supports the following content types: ['text/csv', 'application/json']. Got '{InvocationsFormat.Cut(type)}'.");
    }

    private static ScoringProtocolError Unsupported(string message) => new(StatusCodes.Status415UnsupportedMediaType, "BAD_REQUEST", message);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsCsv(string contentType) => contentType.TrimStart().StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    private static async Task<(TabularData?, ScoringProtocolError?)> ParseJsonAsync(HttpRequest http, ServedModel served, string entity, CancellationToken ct)
    {
        // The whole body from the request pipe, parsed where it lies (no stream copy); the document reads that buffer, so
        // the pipe gets it back only once the table has been built from it.
        var body = http.BodyReader;
        var read = await InferenceRequestReader.ReadWholeAsync(body, ct).ConfigureAwait(false);
        try
        {
            var json = read.Buffer;
            if (json.FirstSpan.StartsWith(Utf8Bom))
            {
                // As JsonDocument.ParseAsync does for a stream.
                json = json.Slice(Utf8Bom.Length);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
                var what = ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd();
                return (null, ScoringProtocolError.InvalidInput($"Ensure that input is a valid JSON formatted string. Error: malformed JSON at {where}: {what}"));
            }

            using (document)
            {
                return InvocationsJsonParser.Parse(document.RootElement, served.Engine.Signature.Inputs, entity);
            }
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    private static async Task<string> ReadTextAsync(HttpRequest http, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }
}
