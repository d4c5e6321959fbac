using System.Text.Json.Serialization;

namespace ChurnOps.Platform.Monitoring;

[JsonSerializable(typeof(PredictionRecord))]
internal sealed partial class PredictionSpoolJson : JsonSerializerContext;
