using ChurnOps.Core.Contracts;

namespace ChurnOps.Platform.Quality;

/// <summary>Normalises warehouse and GE/pandas type names so of_type compares like with like (int64 = BIGINT, str = VARCHAR).</summary>
internal static class WarehouseTypeNames
{
    public static string Normalize(string type)
    {
        var upper = type.Trim().ToUpperInvariant();
        return upper switch
        {
            "INT64" or "LONG" => "BIGINT",
            "INT32" or "INT" => "INTEGER",
            "FLOAT64" or "FLOAT8" => "DOUBLE",
            "FLOAT32" => "FLOAT",
            "STR" or "STRING" or "OBJECT" or "TEXT" => "VARCHAR",
            "BOOL" => "BOOLEAN",
            "DATETIME64" or "DATETIME64[NS]" or "DATETIME" => "TIMESTAMP",
            "TIMESTAMP WITH TIME ZONE" => "TIMESTAMPTZ",
            _ => ContractTypes.CanonicalPhysicalType(upper) ?? upper,
        };
    }
}
