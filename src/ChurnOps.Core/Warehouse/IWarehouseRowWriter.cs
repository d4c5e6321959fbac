namespace ChurnOps.Core.Warehouse;

/// <summary>Values of appended rows, in the table's column order; null values are SQL NULL.</summary>
public interface IWarehouseRowWriter
{
    void BeginRow();

    void Add(string? value);

    void Add(int? value);

    void Add(double? value);

    void Add(bool? value);

    void Add(DateTime? value);

    void EndRow();
}
