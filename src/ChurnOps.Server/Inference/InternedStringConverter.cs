using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Reads the strings every request repeats — tensor names and datatypes — as one shared instance each instead of a new
/// string per tensor per request. Bounded: short, unescaped values only, and at most <see cref="Capacity"/> distinct
/// ones (then new values are read as plain strings), so a client sending random names cannot grow it without end.
/// </summary>
internal sealed class InternedStringConverter : JsonConverter<string>
{
    private const int MaxLength = 128;
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // No message: the serializer adds the path, which is what the protocol's error names.
            throw new JsonException();
        }

        return ReadShared(ref reader);
    }

    /// <summary>The string token the reader is on, as its shared instance when it is short and unescaped.</summary>
    public static string ReadShared(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxLength];
        if (!Encoding.UTF8.TryGetChars(reader.ValueSpan, chars, out var written))
        {
            return reader.GetString()!;
        }

        var text = chars[..written];
        if (Lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var value = text.ToString();
        return Strings.Count < Capacity ? Strings.GetOrAdd(value, value) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
