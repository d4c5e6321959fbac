using System.Text.Json;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Tracking;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// The reference for live drift: a model version's training set (its feature columns and label), kept with the run that
/// trained it as <c>reference/training_set.json</c>. Kept at training time because the warehouse moves on: after new
/// customers are loaded the training set can no longer be rebuilt. Numbers are written as JSON's shortest round-trip
/// text (.NET's, which parses back to the same double on every platform); a missing value is null.
/// </summary>
public static class TrainingReference
{
    public const string ArtifactPath = "reference/training_set.json";

    /// <summary>Writes <paramref name="data"/> without <paramref name="excluded"/> columns as the run's reference; returns the store path.</summary>
    public static Task<string> LogAsync(RunLogger runs, string runId, TabularData data, IReadOnlyCollection<string> excluded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(data);
        var columns = data.Columns.Where(c => !excluded.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        return runs.LogArtifactAsync(runId, ArtifactPath, async (stream, token) =>
        {
            await using var writer = new Utf8JsonWriter(stream);
            Write(writer, columns);
            await writer.FlushAsync(token).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>The reference kept under the run's artifact root, or null when the run has none (trained before references were kept).</summary>
    public static async Task<TabularData?> ReadAsync(IArtifactStore artifacts, string artifactRoot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        await using var stream = await artifacts.OpenReadAsync(artifactRoot + "/" + ArtifactPath, ct).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var columns = new List<TabularColumn>();
        foreach (var column in document.RootElement.GetProperty("columns").EnumerateArray())
        {
            var name = column.GetProperty("name").GetString()!;
            var kind = Enum.Parse<ColumnKind>(column.GetProperty("kind").GetString()!);
            var values = column.GetProperty("values");
            if (kind == ColumnKind.Text)
            {
                columns.Add(TabularColumn.Text(name, values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray()));
            }
            else
            {
                columns.Add(TabularColumn.Numeric(name, values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray(), kind));
            }
        }

        return new TabularData(columns);
    }

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<TabularColumn> columns)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rows", columns.Count == 0 ? 0 : columns[0].Length);
        writer.WriteStartArray("columns");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("kind", column.Kind.ToString());
            writer.WriteStartArray("values");
            if (column.Texts is { } texts)
            {
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }
            }
            else
            {
                foreach (var number in column.Numbers!)
                {
                    if (double.IsFinite(number))
                    {
                        writer.WriteNumberValue(number);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
