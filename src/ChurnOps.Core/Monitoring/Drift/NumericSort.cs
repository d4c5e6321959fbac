namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// Sorts finite doubles ascending. Large arrays go through an LSD radix sort on the order-preserving 64-bit key
/// (sign bit flipped, negatives inverted), skipping the byte passes where every key agrees; small ones use Array.Sort.
/// −0.0 and +0.0 sort as distinct keys but compare equal afterwards, as they do in numpy.
/// </summary>
internal static class NumericSort
{
    private const int RadixThreshold = 4096;

    public static void Sort(double[] values)
    {
        if (values.Length < RadixThreshold)
        {
            Array.Sort(values);
            return;
        }

        var n = values.Length;
        var keys = new ulong[n];
        var buffer = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
            keys[i] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        }

        var counts = new int[8 * 256];
        foreach (var key in keys)
        {
            for (var b = 0; b < 8; b++)
            {
                counts[(b << 8) + (int)((key >> (b * 8)) & 0xFF)]++;
            }
        }

        var source = keys;
        var target = buffer;
        var offsets = new int[256];
        for (var b = 0; b < 8; b++)
        {
            var shift = b * 8;
            var baseIndex = b << 8;
            var first = (int)((source[0] >> shift) & 0xFF);
            if (counts[baseIndex + first] == n)
            {
                continue;
            }

            var running = 0;
            for (var d = 0; d < 256; d++)
            {
                offsets[d] = running;
                running += counts[baseIndex + d];
            }

            foreach (var key in source)
            {
                target[offsets[(int)((key >> shift) & 0xFF)]++] = key;
            }

            (source, target) = (target, source);
        }

        for (var i = 0; i < n; i++)
        {
            var key = source[i];
            var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
            values[i] = BitConverter.Int64BitsToDouble((long)bits);
        }
    }
}
