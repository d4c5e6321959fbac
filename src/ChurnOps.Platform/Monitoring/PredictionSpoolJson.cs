using System.Text.Json.Serialization;

namespace ChurnOps.Platform.Monitoring;

[JsonSerializable(typeof(PredictionRecord))]
[JsonSerializable(typeof(PredictionJournalEntry))]
internal sealed partial class PredictionSpoolJson : JsonSerializerContext;
