namespace ChurnOps.Training.Candidates;

/// <summary>The shape of the data a run used: rows kept, positives, split sizes, feature columns and rows dropped for a missing label.</summary>
public sealed record DataSummary(int Rows, int Positives, int TrainRows, int ValidationRows, int TestRows, IReadOnlyList<string> ColumnsUsed)
{
    public int DroppedRows { get; init; }

    public int FeatureDimension { get; init; }

    /// <summary>Columns not used although not excluded: text columns with (nearly) one distinct value per row, i.e. identifiers.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    /// <summary>SHA-256 of the table as given (before rows without a label were dropped): the dataset version a run used.</summary>
    public string Digest { get; init; } = string.Empty;

    public static DataSummary Empty { get; } = new(0, 0, 0, 0, 0, []);
}
