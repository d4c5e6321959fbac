using ChurnOps.Core.Data;

namespace ChurnOps.Training.Data;

/// <summary>The learned encoding of one input column; serialised into the model package so scoring encodes exactly as training did.</summary>
internal sealed record EncodedColumn
{
    public required string Name { get; init; }

    public required ColumnKind Kind { get; init; }

    public required EncodingKind Encoding { get; init; }

    public required int Offset { get; init; }

    public required int Width { get; init; }

    /// <summary>Replacement for a missing number: the training mean of the (transformed) values.</summary>
    public double Fill { get; init; }

    public bool MissingIndicator { get; init; }

    /// <summary>For timestamps: the latest training timestamp; the feature is the age in days relative to it.</summary>
    public double Reference { get; init; }

    public IReadOnlyList<string> Vocabulary { get; init; } = [];
}
