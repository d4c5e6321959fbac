using System.Text;
using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>
/// Files as users have them (quoted line breaks, Windows line ends, a byte-order mark) load with every row accounted
/// for and every line number pointing at the row in the file; a row breaking several rules names all of them.
/// </summary>
public sealed class IngestionFileShapesTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Task<IngestResult> IngestAsync(TestProject project, string file) =>
        project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

    [Fact]
    public async Task IngestAsync_QuotedValueSpansLines_LinesOfLaterRowsCountThePhysicalLines()
    {
        await using var project = await TestProject.CreateAsync();
        // Customer 2's payment method spans lines 3-5, so customers 3, 4 and 5 are on lines 6, 7 and 8.
        var spanning = TestProject.Customer(2).Replace(",card,", ",\"credit\ncard\nvisa\",", StringComparison.Ordinal);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), spanning, TestProject.Customer(3), TestProject.Customer(4, age: "12"), TestProject.Customer(5)));

        var result = await IngestAsync(project, file);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((5L, 4L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal([new QuarantinedRow(file, 7, "age: below minimum 18")], result.QuarantineSamples);
        var lines = await project.Workspace.Warehouse.QueryAsync("SELECT _source_line FROM raw.customers ORDER BY customer_id", Ct);
        Assert.Equal([2.0, 3.0, 6.0, 7.0, 8.0], lines["_source_line"].Numbers!);
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000002' AND payment_method = 'credit' || chr(10) || 'card' || chr(10) || 'visa'"));
    }

    [Fact]
    public async Task IngestAsync_RowBreaksThreeRules_QuarantineNamesAllThree()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, plan: "gold", age: "7", charges: "n/a"), TestProject.Customer(3)));

        var result = await IngestAsync(project, file);

        Assert.True(result.Succeeded, result.Error);
        const string rules = "plan: not one of the valid values; age: below minimum 18; monthly_charges: not a valid DOUBLE";
        Assert.Equal([new QuarantinedRow(file, 3, rules)], result.QuarantineSamples);
        Assert.Equal(1, await project.CountAsync($"SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000002' AND _rules = '{rules}' AND age = '7' AND monthly_charges = 'n/a'"));
        Assert.Equal(3, result.QuarantinedByRule.Count);
        Assert.All(result.QuarantinedByRule.Values, count => Assert.Equal(1, count));
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
    }

    [Fact]
    public async Task IngestAsync_WindowsLineEnds_ValuesCarryNoCarriageReturnAndLinesAreRight()
    {
        await using var project = await TestProject.CreateAsync();
        var spanning = TestProject.Customer(2).Replace(",card,", ",\"credit\r\ncard\",", StringComparison.Ordinal);
        var csv = TestProject.CustomersCsv(TestProject.Customer(1), spanning, TestProject.Customer(3, age: "9")).Replace("\n", "\r\n", StringComparison.Ordinal)
            .Replace("\r\r\n", "\r\n", StringComparison.Ordinal);
        var file = project.WriteFile("crlf.csv", csv);

        var result = await IngestAsync(project, file);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal([new QuarantinedRow(file, 5, "age: below minimum 18")], result.QuarantineSamples);
        // The last column parsed as a timestamp, so no carriage return stuck to it; the quoted value keeps its own.
        Assert.Equal(0, await project.CountAsync("SELECT count(*) FROM raw.customers WHERE contains(updated_at, chr(13)) OR contains(customer_id, chr(13))"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE payment_method = 'credit' || chr(13) || chr(10) || 'card'"));
    }

    [Fact]
    public async Task IngestAsync_FileStartsWithByteOrderMark_FirstColumnIsFoundAndClean()
    {
        await using var project = await TestProject.CreateAsync();
        var path = Path.Combine(project.Root, "data", "bom.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "5")), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Ct);
        Assert.Equal(0xEF, (await File.ReadAllBytesAsync(path, Ct))[0]);

        var result = await IngestAsync(project, path);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([new QuarantinedRow(path, 3, "age: below minimum 18")], result.QuarantineSamples);
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000001'"));
    }

    [Fact]
    public async Task IngestAsync_HeaderOnlyWithWindowsLineEnd_FailsAndWritesNothing()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("header.csv", TestProject.CustomersHeader + "\r\n");

        var result = await IngestAsync(project, file);

        Assert.False(result.Succeeded);
        Assert.Equal($"{file}: no data rows (only a header)", result.Error);
        Assert.Equal(0, await project.CountOrZeroAsync("raw", "customers"));
    }
}
