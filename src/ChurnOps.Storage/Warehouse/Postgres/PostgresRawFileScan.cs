using System.Globalization;
using System.Text;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// Reads files in this process and streams their rows into the raw table by binary COPY, inside the load's transaction:
/// PostgreSQL's server cannot read the client's files. CSV records keep the line they start on (a quoted line break
/// does not shift the lines after it); a ragged or unreadable record fails the load naming its line. Parquet files are
/// read by an in-memory DuckDB, so their values are the same text as in the embedded warehouse, with their row number.
/// </summary>
public sealed class PostgresRawFileScan : IRawFileScan
{
    /// <summary>The server cannot read this machine's files in a query, so raw rows are copied (<see cref="LoadAsync"/>).</summary>
    public bool ReadsKeptFiles => false;

    public Task<RawFileLoaded> ReadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the PostgreSQL warehouse copies raw rows; it cannot read a kept file in a query");

    public string KeptFileSelect(RawFile file, RawFileInsert insert, bool quotedLineBreaks) =>
        throw new NotSupportedException("the PostgreSQL warehouse copies raw rows; it cannot read a kept file in a query");

    public async Task<RawFileColumns> ColumnsAsync(IWarehouseTransaction transaction, RawFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.CsvHeader is { } header)
        {
            return new RawFileColumns(header, null);
        }

        try
        {
            await using var reader = new DuckDBConnection("Data Source=:memory:");
            await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = reader.CreateCommand();
            command.CommandText = $"DESCRIBE SELECT * FROM read_parquet({SqlIdentifier.Literal(file.Path)})";
            var names = new List<string>();
            await using var described = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await described.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(described.GetString(0));
            }

            return new RawFileColumns(names, null);
        }
        catch (DuckDBException ex)
        {
            return RawFileColumns.Unreadable($"not a readable Parquet file: {FirstLine(ex.Message)}");
        }
    }

    public async Task<RawFileLoaded> LoadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(insert);
        if (transaction is not PostgresWarehouseTransaction postgres)
        {
            throw new ArgumentException("the PostgreSQL file scan needs a transaction of the PostgreSQL warehouse", nameof(transaction));
        }

        var constants = await ConstantsAsync(postgres, insert, cancellationToken).ConfigureAwait(false);
        var fromFile = insert.Values.Where(v => v.FileColumn is not null).ToList();
        var fixedValues = insert.Values.Where(v => v.FileColumn is null).ToList();
        var columns = string.Join(", ", fromFile.Concat(fixedValues).Select(v => v.Column).Append(insert.LineColumn));
        var importer = await postgres.Connection.BeginBinaryImportAsync($"COPY {insert.Table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var loaded = file.IsParquet
                ? await CopyParquetAsync(file, fromFile, constants, importer, cancellationToken).ConfigureAwait(false)
                : CopyCsv(file, fromFile, constants, importer, cancellationToken);
            if (loaded.Error is not null)
            {
                // Disposing without Complete cancels the COPY; the caller rolls the transaction back.
                return loaded;
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return loaded;
        }
    }

    /// <summary>The constant columns' values, evaluated once by the server (they are SQL literals), in insert order.</summary>
    private static async Task<object?[]> ConstantsAsync(PostgresWarehouseTransaction transaction, RawFileInsert insert, CancellationToken ct)
    {
        var fixedValues = insert.Values.Where(v => v.FileColumn is null).ToList();
        if (fixedValues.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand("SELECT " + string.Join(", ", fixedValues.Select(v => v.Constant ?? "NULL")), transaction.Connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var values = new object?[fixedValues.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    private static RawFileLoaded CopyCsv(RawFile file, List<RawFileValue> fromFile, object?[] constants, NpgsqlBinaryImporter importer, CancellationToken ct)
    {
        var header = file.CsvHeader!;
        var positions = fromFile.Select(v => IndexOf(header, v.FileColumn!)).ToArray();
        var delimiter = file.CsvDelimiter is { Length: 1 } d ? d[0] : ',';
        using var text = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var records = new CsvRecordReader(text, delimiter);
        if (records.Read() is null)
        {
            return new RawFileLoaded(0, null);
        }

        long rows = 0;
        string? first = null;
        long malformed = 0;
        while (records.Read() is { } record)
        {
            ct.ThrowIfCancellationRequested();
            var problem = record.Problem ?? (record.Fields.Count != header.Count
                ? $"expected {header.Count} columns, found {record.Fields.Count}"
                : null);
            if (problem is not null)
            {
                malformed++;
                first ??= $"line {record.Line}: malformed row: {problem}";
                continue;
            }

            if (malformed > 0)
            {
                continue;
            }

            importer.StartRow();
            foreach (var position in positions)
            {
                WriteText(importer, record.Fields[position]);
            }

            WriteConstants(importer, constants);
            importer.Write(record.Line, NpgsqlDbType.Bigint);
            rows++;
        }

        if (first is not null)
        {
            return RawFileLoaded.Failed(malformed > 1 ? $"{first} (and {malformed - 1} more malformed lines)" : first);
        }

        return new RawFileLoaded(rows, null);
    }

    /// <summary>
    /// Reads the Parquet file with an in-memory DuckDB (its reader, not the warehouse), so every value is the text
    /// DuckDB's CAST(… AS VARCHAR) gives, exactly as the embedded warehouse stores it, and streams it into the COPY.
    /// </summary>
    private static async Task<RawFileLoaded> CopyParquetAsync(RawFile file, List<RawFileValue> fromFile, object?[] constants, NpgsqlBinaryImporter importer, CancellationToken ct)
    {
        await using var reader = new DuckDBConnection("Data Source=:memory:");
        await reader.OpenAsync(ct).ConfigureAwait(false);
        await using var command = reader.CreateCommand();
        var columns = string.Join(", ", fromFile.Select(v => $"CAST({SqlIdentifier.Quote(v.FileColumn!)} AS VARCHAR)"));
        command.CommandText = $"SELECT {columns}, file_row_number FROM read_parquet({SqlIdentifier.Literal(file.Path)}, file_row_number = true)";
        long rows = 0;
        try
        {
            await using var rowsReader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var line = fromFile.Count;
            while (await rowsReader.ReadAsync(ct).ConfigureAwait(false))
            {
                importer.StartRow();
                for (var c = 0; c < fromFile.Count; c++)
                {
                    WriteText(importer, rowsReader.IsDBNull(c) ? null : rowsReader.GetString(c));
                }

                WriteConstants(importer, constants);
                importer.Write(Convert.ToInt64(rowsReader.GetValue(line), CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                rows++;
            }
        }
        catch (DuckDBException ex)
        {
            return RawFileLoaded.Failed($"not a readable Parquet file: {FirstLine(ex.Message)}");
        }

        return new RawFileLoaded(rows, null);
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"the CSV header has no column '{column}'", nameof(column));
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteConstants(NpgsqlBinaryImporter importer, object?[] constants)
    {
        foreach (var value in constants)
        {
            switch (value)
            {
                case null:
                    importer.WriteNull();
                    break;
                case string s:
                    importer.Write(s, NpgsqlDbType.Text);
                    break;
                case DateTime t:
                    importer.Write(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
                    break;
                case long l:
                    importer.Write(l, NpgsqlDbType.Bigint);
                    break;
                case int i:
                    importer.Write(i, NpgsqlDbType.Integer);
                    break;
                case double x:
                    importer.Write(x, NpgsqlDbType.Double);
                    break;
                case bool b:
                    importer.Write(b, NpgsqlDbType.Boolean);
                    break;
                default:
                    importer.Write(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                    break;
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
