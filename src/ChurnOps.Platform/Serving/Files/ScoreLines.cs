using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// The output lines of one chunk as UTF-8 in a rented buffer that grows as needed: id, probability, label and version
/// bytes written in place, no string per line. The owner returns the buffer (after <see cref="Detach"/>) or disposes this.
/// </summary>
internal sealed class ScoreLines(int initialBytes) : IDisposable
{
    /// <summary>The longest shortest-round-trip text of a float ("-1.17549435E-38").</summary>
    public const int MaxProbabilityBytes = 16;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, 256));
    private int _length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(float probability, ReadOnlySpan<byte> rawId, bool withId, ReadOnlySpan<byte> suffix)
    {
        var need = rawId.Length + 1 + MaxProbabilityBytes + suffix.Length;
        if (_buffer!.Length - _length < need)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + need));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var at = _length;
        if (withId)
        {
            rawId.CopyTo(_buffer.AsSpan(at));
            at += rawId.Length;
            _buffer[at++] = (byte)',';
        }

        at += WriteProbability(probability, _buffer.AsSpan(at));
        suffix.CopyTo(_buffer.AsSpan(at));
        _length = at + suffix.Length;
    }

    /// <summary>
    /// The probability's shortest text that parses back to the same float (what the model computed, bit for bit),
    /// invariant culture; returns the bytes written.
    /// </summary>
    public static int WriteProbability(float probability, Span<byte> destination)
    {
        if (!probability.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("destination too short for a probability", nameof(destination));
        }

        return written;
    }

    /// <summary>Hands the buffer over (the caller returns it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    public byte[] Detach(out int length)
    {
        var buffer = _buffer!;
        length = _length;
        _buffer = null;
        return buffer;
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
