namespace ChurnOps.Server.Inference;

/// <summary>What the served model expects for one input column (from its signature).</summary>
public sealed record InputSpec(string Name, bool IsText, bool Required);
