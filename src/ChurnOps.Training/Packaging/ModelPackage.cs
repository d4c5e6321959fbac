using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnOps.Training.Data;
using Microsoft.ML;

namespace ChurnOps.Training.Packaging;

/// <summary>
/// A trained model as one zip: the ML.NET model (model.zip), the input signature (signature.json), the learned column
/// encoding (encoder.json) and the facts about the run (metadata.json). Immutable once built.
/// </summary>
public sealed class ModelPackage
{
    internal const string ModelEntry = "model.zip";
    internal const string SignatureEntry = "signature.json";
    internal const string EncoderEntry = "encoder.json";
    internal const string MetadataEntry = "metadata.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    internal ModelPackage(MLContext context, ITransformer model, FeatureEncoder encoder, ModelSignature signature, ModelMetadata metadata)
    {
        Context = context;
        Model = model;
        Encoder = encoder;
        Signature = signature;
        Metadata = metadata;
    }

    public ModelSignature Signature { get; }

    public double Threshold => Metadata.Threshold;

    public ModelMetadata Metadata { get; }

    internal MLContext Context { get; }

    internal ITransformer Model { get; }

    internal FeatureEncoder Encoder { get; }

    public async Task SaveAsync(Stream s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        // Built in memory first so a failure never leaves a half-written package in the caller's stream.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var model = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open())
            {
                Context.Model.Save(Model, FeatureMatrixView.CreateSchema(Encoder.Dimension, withLabel: false), model);
            }

            WriteJson(zip, SignatureEntry, Signature);
            WriteJson(zip, EncoderEntry, Encoder.Columns);
            WriteJson(zip, MetadataEntry, Metadata);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(s, ct).ConfigureAwait(false);
    }

    /// <summary>Reads a package written by <see cref="SaveAsync"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static async Task<ModelPackage> LoadAsync(Stream s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var buffer = new MemoryStream();
        await s.CopyToAsync(buffer, ct).ConfigureAwait(false);
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            var signature = ReadJson<ModelSignature>(zip, SignatureEntry);
            var columns = ReadJson<List<EncodedColumn>>(zip, EncoderEntry);
            var metadata = ReadJson<ModelMetadata>(zip, MetadataEntry);
            var entry = zip.GetEntry(ModelEntry) ?? throw new InvalidDataException($"model package has no '{ModelEntry}'");
            using var model = new MemoryStream();
            using (var source = entry.Open())
            {
                await source.CopyToAsync(model, ct).ConfigureAwait(false);
            }

            model.Position = 0;
            var context = new MLContext(metadata.Seed);
            var transformer = context.Model.Load(model, out _);
            return new ModelPackage(context, transformer, new FeatureEncoder(columns), signature, metadata);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("model package is not valid: " + ex.Message, ex);
        }
    }

    private static void WriteJson<T>(ZipArchive zip, string name, T value)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(stream, value, Json);
    }

    private static T ReadJson<T>(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"model package has no '{name}'");
        using var stream = entry.Open();
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"model package entry '{name}' is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"model package entry '{name}' is not valid: {ex.Message}", ex);
        }
    }
}
