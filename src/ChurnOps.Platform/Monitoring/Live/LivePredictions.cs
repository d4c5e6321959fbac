using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// Reads a window of monitoring.predictions: which versions (arms) predicted in it, and one arm's predictions with
/// their logged inputs parsed back into columns of the reference's kinds. An empty window is an error value that says
/// where the predictions are.
/// </summary>
public sealed class LivePredictions(IWarehouse warehouse)
{
    /// <summary>The versions of <paramref name="model"/> that predicted in [from, to) with their counts, or why there are none.</summary>
    public async Task<(IReadOnlyList<(int Version, long Rows)> Arms, string? Error)> ArmsAsync(string model, int? version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (!await warehouse.TableExistsAsync(PredictionTable.Schema, PredictionTable.Name, ct).ConfigureAwait(false))
        {
            return ([], $"no predictions have been logged yet (monitoring.predictions does not exist); score with --log or serve the model first");
        }

        var data = await warehouse.QueryAsync(
            $"SELECT model_version, COUNT(*) AS n FROM monitoring.predictions WHERE {LiveWindowQuery.Filter(model, version, from, to)} GROUP BY model_version ORDER BY model_version", ct).ConfigureAwait(false);
        var arms = Enumerable.Range(0, data.RowCount)
            .Select(i => ((int)data.Columns[0].Numbers![i], (long)data.Columns[1].Numbers![i]))
            .ToList();
        if (arms.Count > 0)
        {
            return (arms, null);
        }

        var what = version is { } v ? $"model '{model}' version {v}" : $"model '{model}'";
        var all = await warehouse.QueryAsync(
            $"SELECT COUNT(*) AS n, MAX(scored_at) AS newest FROM monitoring.predictions WHERE model_name = {SqlIdentifier.Literal(model)}"
            + (version is { } w ? $" AND model_version = {w.ToString(CultureInfo.InvariantCulture)}" : string.Empty), ct).ConfigureAwait(false);
        var count = (long)all.Columns[0].Numbers![0];
        var window = $"between {Format(from)} and {Format(to)}";
        return ([], count == 0
            ? $"no predictions of {what} {window}: none has ever been logged for it"
            : $"no predictions of {what} {window}; the newest of its {count:N0} predictions was scored at {Format(LiveWindowQuery.FromEpochSeconds(all.Columns[1].Numbers![0]))} (widen --window)");
    }

    /// <summary>One arm's predictions in [from, to), the inputs read as <paramref name="shape"/>'s columns (missing keys are missing values).</summary>
    public async Task<LiveArm> ReadArmAsync(string model, int version, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<TabularColumn> shape, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var data = await warehouse.QueryAsync(
            $"SELECT probability, label, inputs FROM monitoring.predictions WHERE {LiveWindowQuery.Filter(model, version, from, to)} ORDER BY scored_at, prediction_id", ct).ConfigureAwait(false);
        var rows = data.RowCount;
        var probabilities = data.Columns[0].Numbers!;
        var labelColumn = data.Columns[1];
        var labels = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = labelColumn.Numbers is { } flags ? flags[i] != 0 : string.Equals(labelColumn.Texts![i], "true", StringComparison.OrdinalIgnoreCase);
        }

        var numbers = shape.Select(c => c.IsText ? null : new double[rows]).ToArray();
        var texts = shape.Select(c => c.IsText ? new string?[rows] : null).ToArray();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < shape.Count; c++)
        {
            index[shape[c].Name] = c;
            numbers[c]?.AsSpan().Fill(double.NaN);
        }

        var inputs = data.Columns[2].Texts!;
        for (var i = 0; i < rows; i++)
        {
            if (inputs[i] is { } json)
            {
                ReadInputs(json, i, index, numbers, texts);
            }
        }

        var columns = shape.Select((c, k) => c.IsText ? TabularColumn.Text(c.Name, texts[k]!) : TabularColumn.Numeric(c.Name, numbers[k]!, c.Kind)).ToList();
        return new LiveArm(version, new TabularData(columns), probabilities, labels);
    }

    /// <summary>
    /// One arm's scores in [from, to) with when each was scored (epoch seconds), in the order <see cref="ReadArmAsync"/>
    /// reads them (so a window's estimate is the same whichever read it came from): the performance-over-time input.
    /// </summary>
    public async Task<(double[] ScoredAt, double[] Probabilities)> ScoresAsync(string model, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var data = await warehouse.QueryAsync(
            $"SELECT scored_at, probability FROM monitoring.predictions WHERE {LiveWindowQuery.Filter(model, version, from, to)} ORDER BY scored_at, prediction_id", ct).ConfigureAwait(false);
        return (data.Columns[0].Numbers!, data.Columns[1].Numbers!);
    }

    private static void ReadInputs(string json, int row, Dictionary<string, int> index, double[]?[] numbers, string?[]?[] texts)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!index.TryGetValue(name, out var c))
            {
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number when numbers[c] is { } n:
                    n[row] = reader.GetDouble();
                    break;
                case JsonTokenType.Number:
                    texts[c]![row] = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.String when numbers[c] is { } n:
                    n[row] = double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
                    break;
                case JsonTokenType.String:
                    texts[c]![row] = reader.GetString();
                    break;
                case JsonTokenType.True or JsonTokenType.False when numbers[c] is { } n:
                    n[row] = reader.TokenType == JsonTokenType.True ? 1 : 0;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
