using System.Runtime.Intrinsics.X86;
using Microsoft.ML;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// A compiled scorer as bytes, stored in the model package next to the ML.NET model, so scoring a package needs neither
/// ML.NET's model loader nor the start-up probe against ML.NET: the form is written only after the scorer read back from
/// those very bytes agreed bit for bit with ML.NET on the probe vectors, on a CPU with the same vector features (the
/// linear model replays ML.NET's CPU-dependent summation). A form that does not read back whole and consistent (an
/// unknown version, another CPU, an index out of range) is ignored and the package is scored the ML.NET way.
/// </summary>
internal static class CompiledScorerForm
{
    /// <summary>Bumped whenever the meaning of the bytes or of the scorers' arithmetic changes.</summary>
    internal const int Version = 1;

    private const int ProbeRows = 256;

    private static ReadOnlySpan<byte> Magic => "CHCS"u8;

    internal const byte TreesKind = 1;
    internal const byte LinearKind = 2;
    internal const byte BlendKind = 3;

    /// <summary>The verified bytes of the model's compiled scorer, or null when it has none that round-trips exactly.</summary>
    public static byte[]? TryCreate(ITransformer model, int dimension)
    {
        if (CompiledScorers.TryCompile(model) is not { } compiled)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(CpuFeatures());
            if (!compiled.TryWrite(writer))
            {
                return null;
            }
        }

        var bytes = buffer.ToArray();
        if (TryRead(bytes, dimension) is not { } readBack)
        {
            return null;
        }

        var probes = compiled.ProbeVectors(dimension, ProbeRows, seed: 17);
        var expected = new float[ProbeRows];
        var actual = new float[ProbeRows];
        ModelScorer.Predict(model, probes, dimension, ProbeRows, expected);
        readBack.Score(probes, dimension, ProbeRows, actual);
        return expected.AsSpan().SequenceEqual(actual) ? bytes : null;
    }

    /// <summary>The scorer the bytes describe for rows of <paramref name="dimension"/> floats, or null (then ML.NET scores).</summary>
    public static ICompiledScorer? TryRead(byte[] bytes, int dimension)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != Version || reader.ReadByte() != CpuFeatures())
            {
                return null;
            }

            var scorer = ReadScorer(reader, dimension);
            return reader.BaseStream.Position == bytes.Length ? scorer : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or OverflowException or OutOfMemoryException)
        {
            return null;
        }
    }

    private static ICompiledScorer? ReadScorer(BinaryReader reader, int dimension) => reader.ReadByte() switch
    {
        TreesKind => CompiledTreeEnsemble.Read(reader, dimension),
        LinearKind => CompiledLinearModel.Read(reader, dimension),
        BlendKind => CompiledBlend.Read(reader, dimension),
        _ => null,
    };

    internal static void WriteArray(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    internal static void WriteArray(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    internal static void WriteArray(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    /// <summary>An array written by WriteArray; null when its length is negative or longer than the bytes left.</summary>
    internal static float[]? ReadFloats(BinaryReader reader)
    {
        var length = ReadLength(reader, sizeof(float));
        if (length < 0)
        {
            return null;
        }

        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    internal static int[]? ReadInts(BinaryReader reader)
    {
        var length = ReadLength(reader, sizeof(int));
        if (length < 0)
        {
            return null;
        }

        var values = new int[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    internal static double[]? ReadDoubles(BinaryReader reader)
    {
        var length = ReadLength(reader, sizeof(double));
        if (length < 0)
        {
            return null;
        }

        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }

    private static int ReadLength(BinaryReader reader, int itemBytes)
    {
        var length = reader.ReadInt32();
        return length >= 0 && (long)length * itemBytes <= reader.BaseStream.Length - reader.BaseStream.Position ? length : -1;
    }

    /// <summary>The vector features that decide ML.NET's summation path for linear models.</summary>
    internal static byte CpuFeatures() => (byte)((Sse.IsSupported ? 1 : 0) | (Avx.IsSupported ? 2 : 0) | (Fma.IsSupported ? 4 : 0));
}
