namespace ChurnOps.Training.Data;

/// <summary>An encoded table: row-major float features (rows × dimension) and, for training data, the 0/1 labels.</summary>
internal sealed class FeatureMatrix
{
    public FeatureMatrix(float[] values, int dimension, bool[]? labels)
    {
        Values = values;
        Dimension = dimension;
        Labels = labels;
        RowCount = dimension == 0 ? 0 : values.Length / dimension;
    }

    public float[] Values { get; }

    public int Dimension { get; }

    public int RowCount { get; }

    public bool[]? Labels { get; }

    public bool[] LabelsOf(IReadOnlyList<int> rows)
    {
        var labels = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            labels[i] = Labels![rows[i]];
        }

        return labels;
    }
}
