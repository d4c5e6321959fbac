using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Reads a contract's quality query answer, whichever engine ran it: exactly one row of one numeric value, otherwise a
/// precise refusal that quotes at most 40 characters of what came back.
/// </summary>
internal static class NumberQueryReader
{
    public static async Task<NumberQueryResult> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        if (reader.FieldCount != 1)
        {
            return NumberQueryResult.Failed($"the query returns {reader.FieldCount} columns; a quality query must return exactly one value");
        }

        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return NumberQueryResult.Failed("the query returned no row; a quality query must return exactly one value");
        }

        var value = reader.IsDBNull(0) ? null : reader.GetValue(0);
        if (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return NumberQueryResult.Failed("the query returned more than one row; a quality query must return exactly one value (aggregate it, e.g. SELECT count(*) …)");
        }

        return value switch
        {
            null => NumberQueryResult.Failed("the query returned NULL, not a number"),
            bool b => NumberQueryResult.Of(b ? 1 : 0),
            System.Numerics.BigInteger big => NumberQueryResult.Of((double)big),
            byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => NumberQueryResult.Of(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            _ => NumberQueryResult.Failed($"the query returned {reader.GetDataTypeName(0).ToUpperInvariant()} '{Shorten(Convert.ToString(value, CultureInfo.InvariantCulture))}', not a number"),
        };
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] + "…" : text;
}
