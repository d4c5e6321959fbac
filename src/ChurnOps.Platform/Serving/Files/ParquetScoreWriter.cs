using Parquet;
using Parquet.Schema;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Scores as Parquet with the types the CSV route gives: probability FLOAT, label and model_version INTEGER, the id as
/// BIGINT when the input's id is an integer column, text otherwise. One output row group per input row group.
/// </summary>
internal sealed class ParquetScoreWriter : IScoreWriter
{
    private readonly ParquetWriter _writer;
    private readonly DataField? _id;
    private readonly DataField _probability;
    private readonly DataField _label;
    private readonly DataField _version;
    private readonly int _modelVersion;
    private bool _wroteGroup;

    private ParquetScoreWriter(ParquetWriter writer, DataField? id, DataField probability, DataField label, DataField version, int modelVersion)
    {
        _writer = writer;
        _id = id;
        _probability = probability;
        _label = label;
        _version = version;
        _modelVersion = modelVersion;
    }

    public static async Task<ParquetScoreWriter> CreateAsync(Stream output, string? idName, DataField? inputId, int modelVersion, CancellationToken cancellationToken)
    {
        DataField? id = idName is null || inputId is null ? null : ParquetIds.IsInteger(inputId) ? new DataField<long?>(idName) : new DataField<string>(idName);
        var probability = new DataField<float>("probability");
        var label = new DataField<int>("label");
        var version = new DataField<int>("model_version");
        var fields = new List<Field>();
        if (id is not null)
        {
            fields.Add(id);
        }

        fields.AddRange([probability, label, version]);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ParquetScoreWriter(writer, id, probability, label, version, modelVersion);
    }

    public async Task WriteAsync(ParquetIds? ids, float[] probabilities, double threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length == 0 && _wroteGroup)
        {
            return;
        }

        using var group = _writer.CreateRowGroup();
        if (_id is not null)
        {
            if (ids?.Numbers is { } numbers && ParquetIds.IsInteger(_id))
            {
                await group.WriteAsync<long>(_id, numbers.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await group.WriteAsync(_id, ids?.Texts ?? []).ConfigureAwait(false);
            }
        }

        var labels = new int[probabilities.Length];
        var versions = new int[probabilities.Length];
        for (var r = 0; r < labels.Length; r++)
        {
            labels[r] = probabilities[r] >= threshold ? 1 : 0;
            versions[r] = _modelVersion;
        }

        await group.WriteAsync<float>(_probability, probabilities.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(_label, labels.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(_version, versions.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        _wroteGroup = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_wroteGroup)
        {
            // An input without rows still gives a readable file with the output columns.
            await WriteAsync(null, [], 1, CancellationToken.None).ConfigureAwait(false);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
