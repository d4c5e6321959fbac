using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// The evidence file: the recipe, then the held-out rows column by column. Scores and values are written by
/// <see cref="Utf8JsonWriter"/> in their shortest round-trip form and read back with the same type, so every float and
/// double comes back bit for bit (a missing number is null: JSON has no NaN).
/// </summary>
internal static class EvaluationEvidenceJson
{
    public const string Format = "churnops-evaluation-evidence/1";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task WriteAsync(Stream stream, EvaluationEvidence evidence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var json = new Utf8JsonWriter(stream);
        var held = evidence.HeldOut;
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WritePropertyName("recipe");
        JsonSerializer.Serialize(json, evidence.Recipe, Options);
        json.WriteNumber("threshold", held.Threshold);
        json.WriteString("threshold_policy", held.ThresholdPolicy);
        if (held.TargetPrecision is { } target)
        {
            json.WriteNumber("target_precision", target);
        }
        else
        {
            json.WriteNull("target_precision");
        }

        json.WriteStartObject("validation");
        WriteLabels(json, held.ValidationLabels);
        WriteScores(json, held.ValidationScores);
        json.WriteEndObject();
        json.WriteStartObject("test");
        WriteLabels(json, held.TestLabels);
        WriteScores(json, held.TestScores);
        json.WriteStartArray("columns");
        foreach (var column in held.TestRows.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("kind", column.Kind.ToString().ToLowerInvariant());
            json.WriteStartArray("values");
            if (column.Numbers is { } numbers)
            {
                foreach (var value in numbers)
                {
                    if (!double.IsFinite(value))
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteNumberValue(value);
                    }
                }
            }
            else
            {
                foreach (var text in column.Texts!)
                {
                    json.WriteStringValue(text);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(ct).ConfigureAwait(false);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The evidence, or why the file cannot be read as evidence.</summary>
    public static async Task<(EvaluationEvidence? Evidence, string? Error)> ReadAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                return (null, $"not a {Format} file");
            }

            var recipe = root.GetProperty("recipe").Deserialize<TrainingRecipe>(Options)!;
            var validation = root.GetProperty("validation");
            var test = root.GetProperty("test");
            var columns = test.GetProperty("columns").EnumerateArray().Select(ReadColumn).ToList();
            var target = root.GetProperty("target_precision");
            var held = new HeldOutEvidence(
                new TabularData(columns),
                ReadLabels(test),
                ReadScores(test),
                ReadLabels(validation),
                ReadScores(validation),
                root.GetProperty("threshold").GetDouble(),
                root.GetProperty("threshold_policy").GetString()!,
                target.ValueKind == JsonValueKind.Null ? null : target.GetDouble());
            return held.TestScores.Length == held.TestRows.RowCount && held.TestLabels.Length == held.TestRows.RowCount
                ? (new EvaluationEvidence(recipe, held), null)
                : (null, "test scores, labels and rows differ in length");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return (null, "unreadable evaluation evidence: " + ex.Message.Split('\n')[0]);
        }
    }

    private static void WriteLabels(Utf8JsonWriter json, bool[] labels)
    {
        json.WriteStartArray("labels");
        foreach (var label in labels)
        {
            json.WriteNumberValue(label ? 1 : 0);
        }

        json.WriteEndArray();
    }

    private static void WriteScores(Utf8JsonWriter json, float[] scores)
    {
        json.WriteStartArray("scores");
        foreach (var score in scores)
        {
            json.WriteNumberValue(score);
        }

        json.WriteEndArray();
    }

    private static bool[] ReadLabels(JsonElement parent) => parent.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();

    private static float[] ReadScores(JsonElement parent) => parent.GetProperty("scores").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    private static TabularColumn ReadColumn(JsonElement column)
    {
        var name = column.GetProperty("name").GetString()!;
        var kind = Enum.Parse<ColumnKind>(column.GetProperty("kind").GetString()!, ignoreCase: true);
        var values = column.GetProperty("values");
        return kind == ColumnKind.Text
            ? TabularColumn.Text(name, values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray())
            : TabularColumn.Numeric(name, values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray(), kind);
    }
}
