using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Metadata;

/// <summary>How ChurnOps opens an embedded SQLite file: created on first use, pooled, private cache, a 30 s command timeout.</summary>
internal static class SqliteFiles
{
    public static string ConnectionString(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
