namespace ChurnOps.Core.Contracts;

/// <summary>The JSON-Schema types a contract field may take, as the standards' schemas name them.</summary>
internal enum ShapeKind
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>string, number, boolean or null (ODCS AnyNonCollectionType).</summary>
    Scalar,

    /// <summary>Anything (ODCS AnyType).</summary>
    Any,
    Object,
    Array,

    /// <summary>An object whose keys are names and whose values all have one shape (DCS models, fields, servers).</summary>
    Map,

    /// <summary>Checked by the standard's own code (recursion, conditional branches); only presence is known here.</summary>
    Delegated,
}
