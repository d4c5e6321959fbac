namespace ChurnOps.Platform.Projects;

public sealed class ServingSettings
{
    public int Port { get; set; } = 5080;

    public string Alias { get; set; } = "champion";

    /// <summary>Prediction engines kept per loaded model; ML.NET's engine is not thread-safe, so each request borrows one.</summary>
    public int PoolSize { get; set; } = 64;

    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Journal each answered prediction to disk (group-committed) before the answer goes out, so a crash loses none.
    /// Off trades that guarantee for a little latency: predictions then wait in memory for the warehouse writer.
    /// </summary>
    public bool DurablePredictions { get; set; } = true;
}
