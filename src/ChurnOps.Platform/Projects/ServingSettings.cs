namespace ChurnOps.Platform.Projects;

public sealed class ServingSettings
{
    public int Port { get; set; } = 5080;

    public string Alias { get; set; } = "champion";

    /// <summary>Prediction engines kept per loaded model; ML.NET's engine is not thread-safe, so each request borrows one.</summary>
    public int PoolSize { get; set; } = 64;

    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;
}
