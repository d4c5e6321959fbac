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
    private const int MinimumRowsForIntegerKey = 200;

    private readonly TabularData _source;
    private DataSummary? _summary;

    private PreparedData(TabularData source, TabularData table, FeatureEncoder encoder, FeatureMatrix matrix, int[] train, int[] validation, int[] test, IReadOnlyList<string> columns, int dropped)
    {
        _source = source;
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

    /// <summary>Train rows then validation rows: what the kept model is refitted on.</summary>
    public int[] TrainAndValidation => [.. Train, .. Validation];

    public IReadOnlyList<string> Columns { get; }

    public int Dropped { get; }

    /// <summary>Columns left out because they look like identifiers (text, nearly one distinct value per row).</summary>
    public IReadOnlyList<string> Ignored { get; private init; } = [];

    public bool[] Labels => Matrix.Labels!;

    /// <summary>Computed once: the digest reads every value of the table.</summary>
    public DataSummary Summary() => _summary ??= new(
        Table.RowCount,
        Labels.Count(l => l),
        Train.Length,
        Validation.Length,
        Test.Length,
        Columns)
    {
        DroppedRows = Dropped,
        IgnoredColumns = Ignored,
        Digest = TableDigest.Compute(_source),
        FeatureDimension = Encoder.Dimension,
    };

    private static bool IsIdentifierLike(TabularColumn column, int cardinalityCap)
    {
        if (column.Kind == ColumnKind.Numeric)
        {
            return IsIntegerKey(column.Numbers!);
        }

        if (!column.IsText)
        {
            return false;
        }

        var present = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in column.Texts!)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                present++;
                distinct.Add(text);
            }
        }

        return distinct.Count > cardinalityCap && distinct.Count >= 0.9 * present;
    }

    /// <summary>
    /// Whole numbers, present and different in every row (a row number, a numeric customer id): an ordering key, not a
    /// measurement. Small tables are left alone, where a measured count can be distinct by chance.
    /// </summary>
    private static bool IsIntegerKey(double[] values)
    {
        if (values.Length < MinimumRowsForIntegerKey)
        {
            return false;
        }

        var distinct = new HashSet<double>();
        foreach (var value in values)
        {
            if (double.IsNaN(value) || value != Math.Floor(value) || !distinct.Add(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The stratified split: test cut off by the test fraction, or the caller's test rows as given (positions in the
    /// labelled table), validation then cut off the rest.
    /// </summary>
    private static (int[] Train, int[] Validation, int[] Test, string? Error) Split(TrainingRequest request, int[] kept, bool[] labels)
    {
        if (request.TestRows is not { } given)
        {
            var all = Enumerable.Range(0, kept.Length).ToArray();
            var (train, validation, test) = StratifiedSplitter.Split(all, labels, request.ValidationFraction, request.TestFraction, request.Seed);
            return (train, validation, test, null);
        }

        var isTest = new bool[request.Data.RowCount];
        foreach (var row in given)
        {
            isTest[row] = true;
        }

        var fixedTest = Enumerable.Range(0, kept.Length).Where(p => isTest[kept[p]]).ToArray();
        var rest = Enumerable.Range(0, kept.Length).Where(p => !isTest[kept[p]]).ToArray();
        var testPositives = fixedTest.Count(p => labels[p]);
        if (testPositives == 0 || testPositives == fixedTest.Length)
        {
            return ([], [], [], $"the test rows have a single class ({fixedTest.Length} labelled rows, {testPositives} positive); the test report needs both");
        }

        var restPositives = rest.Count(p => labels[p]);
        if (Math.Min(restPositives, rest.Length - restPositives) < MinimumPerClass)
        {
            return ([], [], [], $"the training rows have only {Math.Min(restPositives, rest.Length - restPositives)} rows of their rarer class besides the test rows; training needs at least {MinimumPerClass}");
        }

        var (trainRows, validationRows, _) = StratifiedSplitter.Split(rest, labels, request.ValidationFraction, 0, request.Seed);
        return (trainRows, validationRows, fixedTest, null);
    }

    public static (PreparedData? Data, string? Error) Prepare(TrainingRequest request)
    {
        var (parsed, labelError) = LabelReader.Read(request.Data[request.LabelColumn], request.PositiveLabel);
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
        var candidates = table.Columns.Where(c => !excluded.Contains(c.Name)).ToList();
        // A text column that is (nearly) unique per row, or a whole-number column unique in every row, is an identifier someone
        // forgot to exclude: as a feature it would only add noise or leak the row order.
        var ignored = candidates.Where(c => IsIdentifierLike(c, request.CardinalityCap)).Select(c => c.Name).ToList();
        var columns = candidates.Select(c => c.Name).Where(n => !ignored.Contains(n)).ToArray();
        if (columns.Length == 0)
        {
            return (null, "no feature columns left after excluding the label and the excluded columns");
        }

        var (train, validation, test, splitError) = Split(request, kept, labels);
        if (splitError is not null)
        {
            return (null, splitError);
        }

        var encoder = FeatureEncoder.Fit(table, columns, train, request.CardinalityCap);
        var values = new float[(long)table.RowCount * encoder.Dimension];
        encoder.Encode(table, 0, table.RowCount, values);
        var matrix = new FeatureMatrix(values, encoder.Dimension, labels);
        return (new PreparedData(request.Data, table, encoder, matrix, train, validation, test, columns, request.Data.RowCount - kept.Length) { Ignored = ignored }, null);
    }
}
