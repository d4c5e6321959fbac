using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Data;

/// <summary>
/// An <see cref="IDataView"/> straight over a <see cref="FeatureMatrix"/> (optionally a subset of its rows), so splits, folds
/// and batch chunks reach ML.NET without copies, CSV files or per-row objects.
/// </summary>
internal sealed class FeatureMatrixView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    private readonly float[] _values;
    private readonly int _dimension;
    private readonly int _start;
    private readonly int _count;
    private readonly IReadOnlyList<int>? _rows;
    private readonly bool[]? _labels;

    /// <summary>A view over the rows listed in <paramref name="rows"/> (all rows when null), with labels when <paramref name="withLabels"/>.</summary>
    public FeatureMatrixView(FeatureMatrix matrix, IReadOnlyList<int>? rows, bool withLabels)
        : this(matrix.Values, matrix.Dimension, 0, rows?.Count ?? matrix.RowCount, rows, withLabels ? matrix.Labels : null)
    {
    }

    /// <summary>A label-free view over rows [start, start+count) of a row-major block (batch scoring chunks).</summary>
    public FeatureMatrixView(float[] values, int dimension, int start, int count)
        : this(values, dimension, start, count, null, null)
    {
    }

    private FeatureMatrixView(float[] values, int dimension, int start, int count, IReadOnlyList<int>? rows, bool[]? labels)
    {
        _values = values;
        _dimension = dimension;
        _start = start;
        _count = count;
        _rows = rows;
        _labels = labels;
        Schema = CreateSchema(dimension, labels is not null);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public static DataViewSchema CreateSchema(int dimension, bool withLabel)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, dimension));
        if (withLabel)
        {
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        }

        return builder.ToSchema();
    }

    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureMatrixView _view;
        private long _position = -1;
        private int _physical = -1;

        public Cursor(FeatureMatrixView view) => _view = view;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._count)
            {
                _position = _view._count;
                return false;
            }

            _position++;
            _physical = _view._rows is { } rows ? rows[(int)_position] : _view._start + (int)_position;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == 0)
            {
                ValueGetter<VBuffer<float>> features = (ref VBuffer<float> value) =>
                {
                    var dims = _view._dimension;
                    var editor = VBufferEditor.Create(ref value, dims);
                    _view._values.AsSpan(_physical * dims, dims).CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)features;
            }

            ValueGetter<bool> label = (ref bool value) => value = _view._labels![_physical];
            return (ValueGetter<TValue>)(Delegate)label;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_physical, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;
    }
}
