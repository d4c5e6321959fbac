using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ChurnOps.Core.Features;

namespace ChurnOps.Storage.Features.Redis;

/// <summary>
/// One entity's online record as a compact binary value. Doubles are their 8 IEEE bytes, so a value reads back
/// bit-exact on every platform (no text parser in between). The fixed header lets the upsert script compare event
/// times and versions without decoding the values:
/// <code>
/// [0]      format (1)
/// [1..8]   event time, µs since the Unix epoch, big-endian with the sign bit flipped (byte order = time order)
/// [9..10]  version length (uint16 BE), then the version (UTF-8)
/// then     feature count (uint16 BE); per feature: name length (uint16 BE), name (UTF-8), tag (0 null, 1 double, 2 text),
///          8 bytes (double, BE) or length (int32 BE) and UTF-8 (text)
/// </code>
/// </summary>
internal static class OnlineRecordCodec
{
    private const byte Format = 1;
    private const byte NullTag = 0;
    private const byte DoubleTag = 1;
    private const byte TextTag = 2;

    public static byte[] Encode(OnlineFeatureRecord record, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        buffer.GetSpan(1)[0] = Format;
        buffer.Advance(1);
        var micros = (record.EventTimestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        BinaryPrimitives.WriteUInt64BigEndian(buffer.GetSpan(8), unchecked((ulong)micros ^ 0x8000_0000_0000_0000UL));
        buffer.Advance(8);
        WriteShortText(buffer, record.Version, "version");
        if (record.Values.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"entity '{record.EntityKey}' has {record.Values.Count} features; at most {ushort.MaxValue} fit a record");
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer.GetSpan(2), (ushort)record.Values.Count);
        buffer.Advance(2);
        foreach (var (name, value) in record.Values)
        {
            WriteShortText(buffer, name, "feature name");
            switch (value)
            {
                case null:
                    buffer.GetSpan(1)[0] = NullTag;
                    buffer.Advance(1);
                    break;
                case double d:
                    var span = buffer.GetSpan(9);
                    span[0] = DoubleTag;
                    BinaryPrimitives.WriteDoubleBigEndian(span[1..], d);
                    buffer.Advance(9);
                    break;
                default:
                    var text = value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                    var bytes = Encoding.UTF8.GetByteCount(text);
                    var target = buffer.GetSpan(5 + bytes);
                    target[0] = TextTag;
                    BinaryPrimitives.WriteInt32BigEndian(target[1..], bytes);
                    Encoding.UTF8.GetBytes(text, target[5..]);
                    buffer.Advance(5 + bytes);
                    break;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static OnlineFeatureRecord Decode(string view, string entityKey, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 13 || payload[0] != Format)
        {
            throw new InvalidDataException($"online record of '{entityKey}' in view '{view}' has an unknown format");
        }

        var micros = unchecked((long)(BinaryPrimitives.ReadUInt64BigEndian(payload[1..]) ^ 0x8000_0000_0000_0000UL));
        var at = 9;
        var version = ReadShortText(payload, ref at);
        var count = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
        at += 2;
        var values = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = ReadShortText(payload, ref at);
            var tag = payload[at++];
            switch (tag)
            {
                case NullTag:
                    values[name] = null;
                    break;
                case DoubleTag:
                    values[name] = BinaryPrimitives.ReadDoubleBigEndian(payload[at..]);
                    at += 8;
                    break;
                case TextTag:
                    var length = BinaryPrimitives.ReadInt32BigEndian(payload[at..]);
                    at += 4;
                    values[name] = Encoding.UTF8.GetString(payload.Slice(at, length));
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"online record of '{entityKey}' in view '{view}' has an unknown value tag {tag}");
            }
        }

        return new OnlineFeatureRecord(view, version, entityKey, DateTimeOffset.UnixEpoch.AddTicks(micros * 10), values);
    }

    private static void WriteShortText(ArrayBufferWriter<byte> buffer, string text, string what)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > ushort.MaxValue)
        {
            throw new ArgumentException($"a {what} of {bytes} bytes is too long for an online record");
        }

        var span = buffer.GetSpan(2 + bytes);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)bytes);
        Encoding.UTF8.GetBytes(text, span[2..]);
        buffer.Advance(2 + bytes);
    }

    private static string ReadShortText(ReadOnlySpan<byte> payload, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
        at += 2;
        var text = Encoding.UTF8.GetString(payload.Slice(at, length));
        at += length;
        return text;
    }
}
