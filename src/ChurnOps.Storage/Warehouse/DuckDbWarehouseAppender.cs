using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>Appends with DuckDB's appender on one connection; the statements run in the same transaction.</summary>
public sealed class DuckDbWarehouseAppender(DuckDbWarehouse warehouse) : IWarehouseAppender
{
    public async Task AppendAsync(string schema, string table, Action<IWarehouseRowWriter> writeRows, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeRows);
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await warehouse.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = statements.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        using (var appender = connection.CreateAppender(schema, table))
        {
            writeRows(new RowWriter(appender));
        }

        if (transaction is null)
        {
            return;
        }

        await DuckDbWarehouse.RunAndCommitAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    private sealed class RowWriter(DuckDBAppender appender) : IWarehouseRowWriter
    {
        private IDuckDBAppenderRow? _row;

        public void BeginRow() => _row = appender.CreateRow();

        public void Add(string? value) => _row = value is null ? Row.AppendNullValue() : Row.AppendValue(value);

        public void Add(int? value) => _row = Row.AppendValue(value);

        public void Add(double? value) => _row = Row.AppendValue(value);

        public void Add(bool? value) => _row = Row.AppendValue(value);

        public void Add(DateTime? value) => _row = Row.AppendValue(value);

        public void EndRow()
        {
            Row.EndRow();
            _row = null;
        }

        private IDuckDBAppenderRow Row => _row ?? throw new InvalidOperationException("BeginRow first");
    }
}
