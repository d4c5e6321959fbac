namespace ChurnOps.Server.Inference;

/// <summary>
/// What the served model expects for one input column (from its signature). A timestamp input takes numbers (seconds
/// since the epoch) or, as BYTES, ISO-8601 text, as the native and MLflow routes do.
/// </summary>
public sealed record InputSpec(string Name, bool IsText, bool Required, bool IsTimestamp = false);
