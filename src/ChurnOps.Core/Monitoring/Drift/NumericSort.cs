namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// Sorts finite doubles ascending, dropping NaN and infinities on the way. Large arrays go through an LSD radix sort on
/// the order-preserving 64-bit key (sign bit flipped, negatives inverted) in four 16-bit passes, skipping a pass where
/// every key has the same digit; small ones use Array.Sort. −0.0 sorts before +0.0 (they compare equal afterwards, as
/// in numpy).
/// </summary>
internal static class NumericSort
{
    private const int RadixThreshold = 4096;
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;

    /// <summary>The finite values of <paramref name="values"/>, sorted, in a new array.</summary>
    public static double[] FiniteSorted(ReadOnlySpan<double> values)
    {
        if (values.Length < RadixThreshold)
        {
            var small = new List<double>(values.Length);
            foreach (var value in values)
            {
                if (double.IsFinite(value))
                {
                    small.Add(value);
                }
            }

            var result = small.ToArray();
            Array.Sort(result);
            return result;
        }

        var keys = new ulong[values.Length];
        var n = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
                keys[n++] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            }
        }

        var sorted = RadixSort(keys.AsSpan(0, n), new ulong[n]);
        var output = new double[n];
        for (var i = 0; i < n; i++)
        {
            var key = sorted[i];
            var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
            output[i] = BitConverter.Int64BitsToDouble((long)bits);
        }

        return output;
    }

    /// <summary>Sorts finite doubles in place (for callers that hold no NaN).</summary>
    public static void Sort(double[] values)
    {
        var sorted = FiniteSorted(values);
        if (sorted.Length != values.Length)
        {
            throw new ArgumentException("Only finite values can be sorted in place.", nameof(values));
        }

        sorted.CopyTo(values, 0);
    }

    private static Span<ulong> RadixSort(Span<ulong> source, Span<ulong> target)
    {
        var n = source.Length;
        if (n == 0)
        {
            return source;
        }

        const int passes = 64 / DigitBits;
        var counts = new int[passes * Buckets];
        foreach (var key in source)
        {
            counts[(int)(key & 0xFFFF)]++;
            counts[Buckets + (int)((key >> 16) & 0xFFFF)]++;
            counts[(2 * Buckets) + (int)((key >> 32) & 0xFFFF)]++;
            counts[(3 * Buckets) + (int)(key >> 48)]++;
        }

        var offsets = new int[Buckets];
        for (var pass = 0; pass < passes; pass++)
        {
            var shift = pass * DigitBits;
            var baseIndex = pass * Buckets;
            if (counts[baseIndex + (int)((source[0] >> shift) & 0xFFFF)] == n)
            {
                continue;
            }

            var running = 0;
            for (var d = 0; d < Buckets; d++)
            {
                offsets[d] = running;
                running += counts[baseIndex + d];
            }

            foreach (var key in source)
            {
                target[offsets[(int)((key >> shift) & 0xFFFF)]++] = key;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        return source;
    }
}
