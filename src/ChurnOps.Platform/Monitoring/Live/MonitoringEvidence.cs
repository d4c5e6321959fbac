using System.Text;
using System.Text.Json;
using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>The evidence JSON alerts carry: the window, and per drifted column its test, score, threshold and sample sizes.</summary>
internal static class MonitoringEvidence
{
    public static string Drift(string model, int version, DateTimeOffset from, DateTimeOffset to, DriftReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Window(writer, model, version, from, to);
            writer.WriteNumber("reference_rows", report.ReferenceRows);
            writer.WriteNumber("current_rows", report.CurrentRows);
            writer.WriteNumber("drift_share", report.DriftShare);
            writer.WriteBoolean("dataset_drift", report.DatasetDrift);
            writer.WriteStartArray("drifted_columns");
            foreach (var column in report.Columns.Where(c => c.Drifted && c.Role == DriftColumnRole.Feature))
            {
                writer.WriteStartObject();
                writer.WriteString("column", column.Column);
                writer.WriteString("test", DriftTestNames.NameOf(column.Test));
                writer.WriteString("why", column.TestReason);
                Number(writer, "statistic", column.Statistic);
                Number(writer, "score", column.Score);
                writer.WriteNumber("threshold", column.Threshold);
                writer.WriteNumber("reference_count", column.ReferenceCount);
                writer.WriteNumber("current_count", column.CurrentCount);
                if (column.NewCategoryCount > 0)
                {
                    writer.WriteStartArray("new_categories");
                    foreach (var category in column.NewCategories)
                    {
                        writer.WriteStringValue(category);
                    }

                    writer.WriteEndArray();
                }

                if (column.NullShareRose)
                {
                    writer.WriteNumber("reference_null_share", column.ReferenceNullShare);
                    writer.WriteNumber("current_null_share", column.CurrentNullShare);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (report.PredictionDrift is { } prediction)
            {
                writer.WriteStartObject("prediction_drift");
                writer.WriteString("test", DriftTestNames.NameOf(prediction.Test));
                Number(writer, "score", prediction.Score);
                writer.WriteBoolean("drifted", prediction.Drifted);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Performance(string model, int version, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> belowGate)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Window(writer, model, version, from, to);
            writer.WriteStartArray("below_gate");
            foreach (var line in belowGate)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Window(Utf8JsonWriter writer, string model, int version, DateTimeOffset from, DateTimeOffset to)
    {
        writer.WriteString("model", model);
        writer.WriteNumber("version", version);
        writer.WriteString("from", from.UtcDateTime);
        writer.WriteString("to", to.UtcDateTime);
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
