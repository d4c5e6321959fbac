using System.Text.Json.Serialization;

namespace ChurnOps.Platform.Monitoring;

/// <summary>One line of a journal segment: the prediction and its sequence number, which replay compares with the warehouse's mark.</summary>
internal sealed record PredictionJournalEntry(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("prediction")] PredictionRecord Prediction);
