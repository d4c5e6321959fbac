using System.Globalization;
using System.Text;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>The CSV the CSV pipeline writes, from row groups: id (quoted when it must be), probability, label, model version.</summary>
internal sealed class CsvScoreWriter(Stream output, string? idName, int modelVersion) : IScoreWriter
{
    private readonly string _positive = ",1," + modelVersion.ToString(CultureInfo.InvariantCulture) + "\n";
    private readonly string _negative = ",0," + modelVersion.ToString(CultureInfo.InvariantCulture) + "\n";
    private bool _headerWritten;

    public async Task WriteAsync(ParquetIds? ids, float[] probabilities, double threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var text = new StringBuilder((probabilities.Length * 32) + 64);
        AppendHeader(text);
        for (var r = 0; r < probabilities.Length; r++)
        {
            if (ids is not null)
            {
                text.Append(ids.Texts[r] is { } id ? Quote(id) : string.Empty).Append(',');
            }

            text.Append(probabilities[r].ToString(CultureInfo.InvariantCulture)).Append(probabilities[r] >= threshold ? _positive : _negative);
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        var text = new StringBuilder();
        AppendHeader(text);
        if (text.Length > 0)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString())).ConfigureAwait(false);
        }
    }

    private void AppendHeader(StringBuilder text)
    {
        if (!_headerWritten)
        {
            text.Append(idName is null ? string.Empty : Quote(idName) + ",").Append("probability,label,model_version\n");
            _headerWritten = true;
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
