using ChurnOps.Core.Data;
using ChurnOps.Training.Data;
using ChurnOps.Training.Splits;

namespace ChurnOps.Training.Candidates;

/// <summary>
/// The request's table after label parsing (rows without a label dropped), the stratified split shared by every candidate,
/// the encoder fitted on the train split and the whole table encoded once.
/// </summary>
internal sealed class PreparedData
{
    private const int MinimumPerClass = 10;

    private PreparedData(TabularData table, FeatureEncoder encoder, FeatureMatrix matrix, int[] train, int[] validation, int[] test, IReadOnlyList<string> columns, int dropped)
    {
        Table = table;
        Encoder = encoder;
        Matrix = matrix;
        Train = train;
        Validation = validation;
        Test = test;
        Columns = columns;
        Dropped = dropped;
    }

    public TabularData Table { get; }

    public FeatureEncoder Encoder { get; }

    public FeatureMatrix Matrix { get; }

    public int[] Train { get; }

    public int[] Validation { get; }

    public int[] Test { get; }

    public IReadOnlyList<string> Columns { get; }

    public int Dropped { get; }

    public bool[] Labels => Matrix.Labels!;

    public DataSummary Summary() => new(
        Table.RowCount,
        Labels.Count(l => l),
        Train.Length,
        Validation.Length,
        Test.Length,
        Columns)
    {
        DroppedRows = Dropped,
        FeatureDimension = Encoder.Dimension,
    };

    public static (PreparedData? Data, string? Error) Prepare(TrainingRequest request)
    {
        var (parsed, labelError) = LabelReader.Read(request.Data[request.LabelColumn]);
        if (parsed is null)
        {
            return (null, labelError);
        }

        var kept = Enumerable.Range(0, parsed.Length).Where(i => parsed[i] is not null).ToArray();
        if (kept.Length == 0)
        {
            return (null, $"label column '{request.LabelColumn}' has no values");
        }

        var table = kept.Length == request.Data.RowCount ? request.Data : request.Data.Take(kept);
        var labels = kept.Select(i => parsed[i]!.Value).ToArray();
        var positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Length)
        {
            return (null, $"label column '{request.LabelColumn}' has a single class (all {(positives == 0 ? "negative" : "positive")}); training needs both");
        }

        if (Math.Min(positives, labels.Length - positives) < MinimumPerClass)
        {
            return (null, $"label column '{request.LabelColumn}' has only {Math.Min(positives, labels.Length - positives)} rows of its rarer class; training needs at least {MinimumPerClass}");
        }

        var excluded = new HashSet<string>(request.ExcludeColumns ?? [], StringComparer.OrdinalIgnoreCase) { request.LabelColumn };
        var columns = table.Columns.Select(c => c.Name).Where(n => !excluded.Contains(n)).ToArray();
        if (columns.Length == 0)
        {
            return (null, "no feature columns left after excluding the label and the excluded columns");
        }

        var all = Enumerable.Range(0, table.RowCount).ToArray();
        var (train, validation, test) = StratifiedSplitter.Split(all, labels, request.ValidationFraction, request.TestFraction, request.Seed);
        var encoder = FeatureEncoder.Fit(table, columns, train, request.CardinalityCap);
        var values = new float[(long)table.RowCount * encoder.Dimension];
        encoder.Encode(table, 0, table.RowCount, values);
        var matrix = new FeatureMatrix(values, encoder.Dimension, labels);
        return (new PreparedData(table, encoder, matrix, train, validation, test, columns, request.Data.RowCount - kept.Length), null);
    }
}
