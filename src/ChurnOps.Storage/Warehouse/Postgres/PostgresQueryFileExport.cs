using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using Parquet;
using Parquet.Schema;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// Query results to files for the PostgreSQL warehouse: CSV straight from the server (COPY … TO STDOUT, whose float8
/// text is the shortest that reads back to the same double), Parquet written here from the result (numbers as doubles,
/// booleans, timestamps, text), since the server cannot write the client's files.
/// </summary>
public sealed class PostgresQueryFileExport : IQueryFileExport
{
    public async Task WriteAsync(IWarehouse warehouse, string querySql, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(querySql);
        var postgres = warehouse as PostgresWarehouse ?? throw new ArgumentException("the PostgreSQL export needs the PostgreSQL warehouse", nameof(warehouse));
        if (format == WarehouseFileFormat.Csv)
        {
            await using var connection = await postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var reader = await connection.BeginTextExportAsync($"COPY ({querySql.Trim().TrimEnd(';')}) TO STDOUT (FORMAT CSV, HEADER true)", cancellationToken).ConfigureAwait(false);
            await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var data = await warehouse.QueryAsync(querySql, cancellationToken).ConfigureAwait(false);
        var fields = data.Columns.Select(c => (DataField)(c.Kind switch
        {
            ColumnKind.Text => new DataField<string>(c.Name),
            ColumnKind.Boolean => new DataField<bool?>(c.Name),
            ColumnKind.Timestamp => new DataField<DateTime?>(c.Name),
            _ => new DataField<double?>(c.Name),
        })).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var column = data.Columns[i];
            switch (column.Kind)
            {
                case ColumnKind.Text:
                    await group.WriteAsync(fields[i], column.Texts!).ConfigureAwait(false);
                    break;
                case ColumnKind.Boolean:
                    await group.WriteAsync<bool>(fields[i], column.Numbers!.Select(v => double.IsNaN(v) ? (bool?)null : v != 0).ToArray().AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Timestamp:
                    await group.WriteAsync<DateTime>(fields[i], column.Numbers!.Select(v => double.IsNaN(v) ? (DateTime?)null : DateTime.UnixEpoch.AddTicks((long)Math.Round(v * TimeSpan.TicksPerSecond))).ToArray().AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync<double>(fields[i], column.Numbers!.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray().AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    public async Task<long> CountRowsAsync(IWarehouse warehouse, string path, WarehouseFileFormat format, CancellationToken cancellationToken)
    {
        if (format == WarehouseFileFormat.Parquet)
        {
            await using var reader = await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
            long rows = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                rows += group.RowCount;
            }

            return rows;
        }

        using var text = new StreamReader(path);
        var records = new CsvRecordReader(text, ',');
        long count = -1;
        while (records.Read() is not null)
        {
            count++;
        }

        return Math.Max(0, count);
    }
}
