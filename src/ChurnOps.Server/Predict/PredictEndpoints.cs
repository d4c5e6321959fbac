using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;
using ChurnOps.Server.Inference;
using ChurnOps.Server.Invocations;

namespace ChurnOps.Server.Predict;

/// <summary>
/// The friendly native form: POST /api/v1/predict/{model} with {"rows": [{column: value, ...}, ...]}, or rows holding only
/// the entity key ({"customer_id": "C1"}) whose features come from the online store. The answer names, per row, the
/// probability, the decision at the model's threshold, the model version and the arm; errors are ProblemDetails.
/// </summary>
internal static class PredictEndpoints
{
    private const string Rows = "rows";

    public static IEndpointRouteBuilder MapPredict(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/predict/{model}", PredictAsync)
            .WithTags("Scoring (native)")
            .WithName("Predict")
            .Produces<PredictResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> PredictAsync(string model, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, CancellationToken ct)
    {
        var config = workspace.Config;
        var body = http.BodyReader;
        System.IO.Pipelines.ReadResult read;
        try
        {
            read = await InferenceRequestReader.ReadWholeAsync(body, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"request body exceeds {config.Serving.MaxRequestBytes} bytes");
        }

        // The body goes back to the pipe once read into columns (or copied for the full parser), before the journal's wait.
        var consumed = false;
        byte[] copy;
        try
        {
            var (served, _) = await models.GetAsync(model, config.Serving.Alias, ct).ConfigureAwait(false);
            if (served is not null && PredictRowsReader.TryRead(read.Buffer, PredictRowsLayout.Of(served.Engine.Signature.Inputs, config.Model.Entity), out var rows))
            {
                body.AdvanceTo(read.Buffer.End);
                consumed = true;
                return await AnswerAsync(model, http, workspace, served, rows, log, ct).ConfigureAwait(false);
            }

            copy = read.Buffer.ToArray();
        }
        finally
        {
            if (!consumed)
            {
                body.AdvanceTo(read.Buffer.End);
            }
        }

        return await PredictParsedAsync(model, http, workspace, models, log, features, copy, ct).ConfigureAwait(false);
    }

    /// <summary>The full parser's path: every refusal told in its words, and rows of entity keys looked up in the online store.</summary>
    private static async Task<IResult> PredictParsedAsync(string model, HttpRequest http, ChurnOpsWorkspace workspace, ServedModelCache models, PredictionLog log, FeatureStore features, byte[] body, CancellationToken ct)
    {
        var config = workspace.Config;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", string.Create(CultureInfo.InvariantCulture, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"));
        }

        using (document)
        {
            var (served, error) = await models.GetAsync(model, config.Serving.Alias, ct).ConfigureAwait(false);
            if (served is null)
            {
                return error!.Contains("is not registered", StringComparison.Ordinal)
                    ? Problem(StatusCodes.Status404NotFound, "Unknown model", error)
                    : Problem(StatusCodes.Status503ServiceUnavailable, "Model not available", error);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(Rows, out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", "expected {\"rows\": [{\"column\": value, ...}, ...]}; a row holding only '" + config.Model.Entity + "' is looked up in the online feature store");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != Rows)
                {
                    return Problem(StatusCodes.Status400BadRequest, "Invalid request", $"unknown field '{InvocationsFormat.Cut(property.Name)}'; the request holds only 'rows'");
                }
            }

            var (data, status, problem) = OnlyEntityKeys(rows, config.Model.Entity, served)
                ? await LookupAsync(rows, config.Model.Entity, served, features, ct).ConfigureAwait(false)
                : Parse(rows, served, config.Model.Entity);
            if (data is null)
            {
                return Problem(status, status == StatusCodes.Status400BadRequest ? "Invalid rows" : "Features not available", problem!);
            }

            return await AnswerAsync(model, http, workspace, served, data, log, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Scores the rows (by the deployment's arm when one routes the request), logs them, and answers per row.</summary>
    private static async Task<IResult> AnswerAsync(string model, HttpRequest http, ChurnOpsWorkspace workspace, ServedModel served, TabularData data, PredictionLog log, CancellationToken ct)
    {
        var config = workspace.Config;
        var requestId = OnlineScoring.RequestId(http);
        OnlineScore score;
        try
        {
            var routing = http.HttpContext.RequestServices.GetRequiredService<DeploymentRouting>();
            score = await OnlineScoring.ScoreAndLogAsync(routing, model, null, null, served, data, requestId, config.Model.Entity, log, workspace.Time, Stopwatch.GetTimestamp(), ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid rows", ex.Message);
        }
        catch (IOException ex)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Prediction log unavailable", ex.Message);
        }

        var version = score.ScoredBy.Version.Version;
        var arm = score.Arm?.Arm ?? DeploymentArms.Stable;
        var entities = data.TryGetColumn(config.Model.Entity, out var column) ? column.Texts : null;
        var headers = http.HttpContext.Response.Headers;
        headers["x-model-version"] = version.ToString(CultureInfo.InvariantCulture);
        headers["x-request-id"] = requestId;
        DeploymentHeaders.Set(headers, score.Arm);
        return new PredictResponseResult(model, requestId, score.ScoredBy.Engine.Threshold, entities, score.Probabilities, score.Decisions, version, arm);
    }

    /// <summary>True when every row holds just the entity key and the model does not take that key as an input.</summary>
    private static bool OnlyEntityKeys(JsonElement rows, string entity, ServedModel served) =>
        rows.GetArrayLength() > 0
        && !served.Engine.Signature.Inputs.Any(i => i.Name.Equals(entity, StringComparison.OrdinalIgnoreCase))
        && rows.EnumerateArray().All(r => r.ValueKind == JsonValueKind.Object && r.EnumerateObject().Count() == 1 && r.EnumerateObject().First().Name.Equals(entity, StringComparison.OrdinalIgnoreCase));

    private static (TabularData?, int, string?) Parse(JsonElement rows, ServedModel served, string entity)
    {
        var (data, error) = InvocationsJsonParser.ParseRecords(rows, Rows, served.Engine.Signature.Inputs, entity);
        return data is null ? (null, StatusCodes.Status400BadRequest, error!.Message) : (data, StatusCodes.Status200OK, null);
    }

    private static async Task<(TabularData?, int, string?)> LookupAsync(JsonElement rows, string entity, ServedModel served, FeatureStore features, CancellationToken ct)
    {
        var values = new List<TensorValue>(rows.GetArrayLength());
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var key = row.EnumerateObject().First().Value;
            var id = key.ValueKind switch
            {
                JsonValueKind.String => key.GetString(),
                JsonValueKind.Number => key.GetRawText(),
                _ => null,
            };
            if (string.IsNullOrEmpty(id))
            {
                return (null, StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture, $"rows[{index}].{entity}: expected a non-empty id (a string or a number)"));
            }

            values.Add(new TensorValue(JsonValueKind.String, 0, id));
            index++;
        }

        var request = new InferenceRequest
        {
            Inputs = [new InferenceTensor { Name = entity, Datatype = "BYTES", Shape = [values.Count], Data = new TensorData(JsonValueKind.Array, [.. values]) }],
        };
        var (data, status, error) = await EntityFeatureLookup.LookupAsync(request, entity, served, features, ct).ConfigureAwait(false);
        return (data, status, error);
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
