using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChurnOps.Training.Data;
using ChurnOps.Training.Scoring;
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

    /// <summary>The compiled scorer's verified form (see <see cref="CompiledScorerForm"/>), when the model has one.</summary>
    internal const string CompiledEntry = "compiled.bin";

    private readonly Lazy<(MLContext Context, ITransformer Model)> _ml;

    internal ModelPackage(MLContext context, ITransformer model, FeatureEncoder encoder, ModelSignature signature, ModelMetadata metadata)
        : this(new Lazy<(MLContext, ITransformer)>(() => (context, model)), encoder, signature, metadata, null)
    {
    }

    private ModelPackage(Lazy<(MLContext, ITransformer)> ml, FeatureEncoder encoder, ModelSignature signature, ModelMetadata metadata, ICompiledScorer? compiled)
    {
        _ml = ml;
        Encoder = encoder;
        Signature = signature;
        Metadata = metadata;
        Compiled = compiled;
    }

    public ModelSignature Signature { get; }

    public double Threshold => Metadata.Threshold;

    public ModelMetadata Metadata { get; }

    /// <summary>ML.NET's context; a package loaded with a compiled form loads its ML.NET model on first use only.</summary>
    internal MLContext Context => _ml.Value.Context;

    internal ITransformer Model => _ml.Value.Model;

    /// <summary>The compiled scorer read from a loaded package's stored form: verified when the package was saved, no probe needed.</summary>
    internal ICompiledScorer? Compiled { get; }

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

            if (CompiledScorerForm.TryCreate(Model, Encoder.Dimension) is { } form)
            {
                using var compiled = zip.CreateEntry(CompiledEntry, CompressionLevel.NoCompression).Open();
                compiled.Write(form);
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

            var modelBytes = model.ToArray();
            var encoder = new FeatureEncoder(columns);
            var compiled = await ReadCompiledAsync(zip, encoder.Dimension, ct).ConfigureAwait(false);

            // With a compiled form, scoring never needs ML.NET: its loader (a good part of a short command's start-up)
            // runs when something asks for the ML.NET model. Without one the model is loaded now, as it always was.
            var ml = new Lazy<(MLContext, ITransformer)>(() => LoadModel(modelBytes, metadata.Seed), LazyThreadSafetyMode.ExecutionAndPublication);
            if (compiled is null)
            {
                _ = ml.Value;
            }

            return new ModelPackage(ml, encoder, signature, metadata, compiled);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("model package is not valid: " + ex.Message, ex);
        }
    }

    private static (MLContext, ITransformer) LoadModel(byte[] bytes, int seed)
    {
        try
        {
            using var model = new MemoryStream(bytes, writable: false);
            var context = new MLContext(seed);
            return (context, context.Model.Load(model, out _));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("model package is not valid: " + ex.Message, ex);
        }
    }

    private static async Task<ICompiledScorer?> ReadCompiledAsync(ZipArchive zip, int dimension, CancellationToken ct)
    {
        if (zip.GetEntry(CompiledEntry) is not { } entry)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        using (var source = entry.Open())
        {
            await source.CopyToAsync(bytes, ct).ConfigureAwait(false);
        }

        return CompiledScorerForm.TryRead(bytes.ToArray(), dimension);
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
