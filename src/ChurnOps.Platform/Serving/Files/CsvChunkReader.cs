using System.Buffers;
using System.Runtime.CompilerServices;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Reads a CSV stream as chunks of whole records (each ends at a line break outside quotes), so chunks can be parsed
/// independently and in parallel. Buffers are rented; the caller returns them to <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class CsvChunkReader(Stream stream, int chunkBytes)
{
    private byte[] _carry = new byte[4096];
    private int _carryLength;
    private bool _endOfStream;

    /// <summary>The next chunk, or a null buffer at the end. The last chunk may lack a final line break.</summary>
    public async Task<(byte[]? Buffer, int Length)> ReadAsync(CancellationToken cancellationToken)
    {
        var size = Math.Max(chunkBytes, _carryLength * 2);
        while (true)
        {
            if (_endOfStream && _carryLength == 0)
            {
                return (null, 0);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(size);
            _carry.AsSpan(0, _carryLength).CopyTo(buffer);
            var length = _carryLength;
            while (!_endOfStream && length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    _endOfStream = true;
                }

                length += read;
            }

            if (_endOfStream)
            {
                _carryLength = 0;
                return (buffer, length);
            }

            var boundary = LastRecordEnd(buffer.AsSpan(0, length));
            if (boundary > 0)
            {
                Keep(buffer.AsSpan(boundary, length - boundary));
                return (buffer, boundary);
            }

            // One record longer than the buffer: keep it all and read again into a buffer twice the size.
            Keep(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
            size = checked(size * 2);
        }
    }

    /// <summary>The index just after the last line break that is not inside a quoted field; 0 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int LastRecordEnd(ReadOnlySpan<byte> data)
    {
        if (!data.Contains((byte)'"'))
        {
            return data.LastIndexOf((byte)'\n') + 1;
        }

        // Quotes toggle the state (a doubled quote toggles twice); the buffer starts at a record boundary.
        var inQuotes = false;
        var last = 0;
        var at = 0;
        while (true)
        {
            var next = data[at..].IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                return last;
            }

            at += next;
            if (data[at] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                last = at + 1;
            }

            at++;
        }
    }

    private void Keep(ReadOnlySpan<byte> rest)
    {
        if (_carry.Length < rest.Length)
        {
            _carry = new byte[Math.Max(rest.Length, _carry.Length * 2)];
        }

        rest.CopyTo(_carry);
        _carryLength = rest.Length;
    }
}
