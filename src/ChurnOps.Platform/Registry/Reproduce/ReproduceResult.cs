namespace ChurnOps.Platform.Registry.Reproduce;

/// <summary>
/// What `reproduce` found. <see cref="Error"/> set: it could not try (unknown model or version, no recorded evidence).
/// Otherwise <see cref="Reproduced"/> is true when the re-run model gives bit-identical scores on the recorded test set
/// and nothing in the lineage differs; <see cref="Differences"/> names each thing that does.
/// </summary>
public sealed record ReproduceResult(
    string? Error,
    string ModelName,
    int Version,
    string Trainer,
    int Seed,
    int TestRows,
    int DifferingScores,
    double MaxAbsDifference,
    string RecordedDataHash,
    string? DataHash,
    IReadOnlyList<ReproduceDifference> Differences)
{
    public bool Reproduced => Error is null && Differences.Count == 0;

    public static ReproduceResult Failed(string error) => new(error, string.Empty, 0, string.Empty, 0, 0, 0, 0, string.Empty, null, []);
}
