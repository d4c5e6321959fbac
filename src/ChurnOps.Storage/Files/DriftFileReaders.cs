using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Storage.Files;

/// <summary>The drift file reader of this build, behind Core's interface so callers never name the engine that reads the files.</summary>
public static class DriftFileReaders
{
    public static IDriftFileReader CreateDefault() => new DuckDbDriftFileReader();
}
