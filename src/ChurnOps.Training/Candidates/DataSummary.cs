namespace ChurnOps.Training;

/// <summary>The shape of the data a run used: rows kept, positives, split sizes, feature columns and rows dropped for a missing label.</summary>
public sealed record DataSummary(int Rows, int Positives, int TrainRows, int ValidationRows, int TestRows, IReadOnlyList<string> ColumnsUsed)
{
    public int DroppedRows { get; init; }

    public int FeatureDimension { get; init; }

    public static DataSummary Empty { get; } = new(0, 0, 0, 0, 0, []);
}
