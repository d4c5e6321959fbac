namespace ChurnOps.Platform.Serving.Files;

/// <summary>Where the scores of one Parquet row group go (a CSV or a Parquet output).</summary>
internal interface IScoreWriter : IAsyncDisposable
{
    Task WriteAsync(ParquetIds? ids, float[] probabilities, double threshold, CancellationToken cancellationToken);
}
