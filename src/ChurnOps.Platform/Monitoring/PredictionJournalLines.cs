using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// The journal's line format, one prediction per line: <c>{"seq":N,"prediction":{...}}</c>. A request writes its
/// predictions here on its own thread (one instance per thread, reused), so the journal's lock only copies finished bytes
/// with the sequence number in front. A scored row's inputs JSON goes into the line as a JSON object: written once and
/// copied, never escaped into a string. A line whose InputsJson is a string (given as text) reads back the same way.
/// </summary>
internal sealed class PredictionJournalLines
{
    private static readonly JsonEncodedText PredictionIdName = JsonEncodedText.Encode(nameof(PredictionRecord.PredictionId));
    private static readonly JsonEncodedText ModelNameName = JsonEncodedText.Encode(nameof(PredictionRecord.ModelName));
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode(nameof(PredictionRecord.ModelVersion));
    private static readonly JsonEncodedText EntityIdName = JsonEncodedText.Encode(nameof(PredictionRecord.EntityId));
    private static readonly JsonEncodedText ProbabilityName = JsonEncodedText.Encode(nameof(PredictionRecord.Probability));
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode(nameof(PredictionRecord.Label));
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode(nameof(PredictionRecord.Source));
    private static readonly JsonEncodedText ScoredAtName = JsonEncodedText.Encode(nameof(PredictionRecord.ScoredAt));
    private static readonly JsonEncodedText InputsJsonName = JsonEncodedText.Encode(nameof(PredictionRecord.InputsJson));
    private static readonly JsonEncodedText DeploymentIdName = JsonEncodedText.Encode(nameof(PredictionRecord.DeploymentId));
    private static readonly JsonEncodedText ArmName = JsonEncodedText.Encode(nameof(PredictionRecord.Arm));

    private readonly ArrayBufferWriter<byte> _predictions = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly PredictionInputsJson _inputs = new();
    private readonly List<int> _ends = [];
    private readonly List<string?> _inputsJson = [];

    public PredictionJournalLines() => _writer = new Utf8JsonWriter(_predictions, new JsonWriterOptions { SkipValidation = true });

    private static ReadOnlySpan<byte> SequencePrefix => "{\"seq\":"u8;

    private static ReadOnlySpan<byte> PredictionPrefix => ",\"prediction\":"u8;

    private static ReadOnlySpan<byte> LineEnd => "}\n"u8;

    /// <summary>Predictions written since the last <see cref="Clear"/>.</summary>
    public int Count => _ends.Count;

    public void Clear()
    {
        _predictions.ResetWrittenCount();
        _ends.Clear();
        _inputsJson.Clear();
    }

    /// <summary>Writes the prediction (all but its sequence number), its scored row as the inputs JSON.</summary>
    public void Add(PredictionRecord record)
    {
        _writer.Reset(_predictions);
        _writer.WriteStartObject();
        _writer.WriteString(PredictionIdName, record.PredictionId);
        _writer.WriteString(ModelNameName, record.ModelName);
        _writer.WriteNumber(ModelVersionName, record.ModelVersion);
        _writer.WriteString(EntityIdName, record.EntityId);
        _writer.WriteNumber(ProbabilityName, record.Probability);
        _writer.WriteBoolean(LabelName, record.Label);
        _writer.WriteString(SourceName, record.Source);
        _writer.WriteString(ScoredAtName, record.ScoredAt);
        // Only when a deployment routed it: lines without them read back as no deployment, as older journals do.
        if (record.DeploymentId is { } deployment)
        {
            _writer.WriteNumber(DeploymentIdName, deployment);
            _writer.WriteString(ArmName, record.Arm);
        }

        var inputs = record.InputsJson;
        if (inputs is not null)
        {
            _writer.WriteString(InputsJsonName, inputs);
        }
        else if (record.InputRow is { } row)
        {
            // Our own writer made these bytes, so they go in as they are.
            var utf8 = _inputs.WriteUtf8(row);
            _writer.WritePropertyName(InputsJsonName);
            _writer.WriteRawValue(utf8, skipInputValidation: true);
            inputs = Encoding.UTF8.GetString(utf8);
        }
        else
        {
            _writer.WriteNull(InputsJsonName);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _ends.Add(_predictions.WrittenCount);
        _inputsJson.Add(inputs);
    }

    /// <summary>The inputs JSON of prediction <paramref name="index"/>, as the warehouse stores it.</summary>
    public string? InputsJson(int index) => _inputsJson[index];

    /// <summary>Appends prediction <paramref name="index"/> as a whole line numbered <paramref name="sequence"/>.</summary>
    public void CopyLine(int index, long sequence, IBufferWriter<byte> to)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        var prediction = _predictions.WrittenSpan[start.._ends[index]];
        var line = to.GetSpan(SequencePrefix.Length + 20 + PredictionPrefix.Length + prediction.Length + LineEnd.Length);
        SequencePrefix.CopyTo(line);
        var at = SequencePrefix.Length;
        Utf8Formatter.TryFormat(sequence, line[at..], out var digits);
        at += digits;
        PredictionPrefix.CopyTo(line[at..]);
        at += PredictionPrefix.Length;
        prediction.CopyTo(line[at..]);
        at += prediction.Length;
        LineEnd.CopyTo(line[at..]);
        to.Advance(at + LineEnd.Length);
    }

    /// <summary>The prediction a line holds, placed at its sequence number in <paramref name="segment"/>; null when the line is not whole.</summary>
    public static PredictionRecord? Parse(ReadOnlyMemory<byte> line, string segment)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var prediction = root.GetProperty("prediction");
            var inputs = prediction.TryGetProperty(InputsJsonName.Value, out var given)
                ? given.ValueKind switch
                {
                    JsonValueKind.Object => given.GetRawText(),
                    JsonValueKind.String => given.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException("inputs are neither an object nor text"),
                }
                : null;
            return new PredictionRecord(
                prediction.GetProperty(PredictionIdName.Value).GetString() ?? throw new FormatException("no prediction id"),
                prediction.GetProperty(ModelNameName.Value).GetString() ?? throw new FormatException("no model name"),
                prediction.GetProperty(ModelVersionName.Value).GetInt32(),
                prediction.TryGetProperty(EntityIdName.Value, out var entity) ? entity.GetString() : null,
                prediction.GetProperty(ProbabilityName.Value).GetDouble(),
                prediction.GetProperty(LabelName.Value).GetBoolean(),
                prediction.GetProperty(SourceName.Value).GetString() ?? throw new FormatException("no source"),
                prediction.GetProperty(ScoredAtName.Value).GetDateTimeOffset(),
                inputs)
            {
                Journal = new JournalPosition(segment, root.GetProperty("seq").GetInt64()),
                DeploymentId = prediction.TryGetProperty(DeploymentIdName.Value, out var deployment) && deployment.ValueKind == JsonValueKind.Number ? deployment.GetInt64() : null,
                Arm = prediction.TryGetProperty(ArmName.Value, out var arm) ? arm.GetString() : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }
}
