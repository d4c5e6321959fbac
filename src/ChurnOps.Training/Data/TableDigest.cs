using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ChurnOps.Core.Data;

namespace ChurnOps.Training.Data;

/// <summary>A content hash of a table (names, kinds and every value) so a run can record exactly which data it saw.</summary>
internal static class TableDigest
{
    public static string Compute(TabularData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (var column in data.Columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(column.Name + "\u0000" + column.Kind + "\u0000"));
            if (column.Numbers is { } numbers)
            {
                hash.AppendData(MemoryMarshal.AsBytes(numbers.AsSpan()));
                continue;
            }

            foreach (var text in column.Texts!)
            {
                // Length-prefixed so ("ab", "c") and ("a", "bc") differ; -1 marks a missing value.
                BitConverter.TryWriteBytes(number, text is null ? -1L : text.Length);
                hash.AppendData(number);
                if (text is not null)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(text));
                }
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
