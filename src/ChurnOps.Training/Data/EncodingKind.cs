namespace ChurnOps.Training.Data;

/// <summary>How one input column becomes feature slots.</summary>
internal enum EncodingKind
{
    /// <summary>One slot (value, missing replaced by the training mean), plus a missing-indicator slot when training saw gaps.</summary>
    Number,

    /// <summary>One slot per training category plus one for unseen values; missing is all zeros.</summary>
    OneHot,

    /// <summary>Categories hashed (FNV-1a, stable across processes) into a fixed number of buckets.</summary>
    Hashed,
}
