namespace ChurnOps.Platform.Ingestion;

/// <summary>An input file as the raw store keeps it: where it came from, its content name, hash and size, and whether this load added it.</summary>
internal sealed record KeptRawFile(string Source, string Name, string Sha256, long Size, bool Created);
