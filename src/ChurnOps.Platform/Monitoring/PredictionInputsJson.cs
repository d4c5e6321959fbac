using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Writes one row's inputs as a JSON object (column name to value; a missing number or text is null). One instance
/// reuses its buffer across rows, so a batch serialises without a buffer per row; not thread-safe.
/// </summary>
internal sealed class PredictionInputsJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public PredictionInputsJson() => _writer = new Utf8JsonWriter(_buffer);

    public string Write(PredictionInputRow input) => Encoding.UTF8.GetString(WriteUtf8(input));

    /// <summary>The row's inputs JSON as UTF-8, valid until the next call (the journal copies it into its line as is).</summary>
    public ReadOnlySpan<byte> WriteUtf8(PredictionInputRow input)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (var column in input.Data.Columns)
        {
            if (column.Texts is { } texts)
            {
                _writer.WriteString(column.Name, texts[input.Row]);
            }
            else if (double.IsNaN(column.Numbers![input.Row]))
            {
                _writer.WriteNull(column.Name);
            }
            else
            {
                _writer.WriteNumber(column.Name, column.Numbers[input.Row]);
            }
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>The record's inputs JSON: as given, or serialised from the row it carries.</summary>
    public string? For(PredictionRecord record) => record.InputsJson ?? (record.InputRow is { } row ? Write(row) : null);
}
