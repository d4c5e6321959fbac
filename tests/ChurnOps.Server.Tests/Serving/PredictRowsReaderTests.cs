using System.Buffers;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Server.Invocations;
using ChurnOps.Server.Predict;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>
/// The native predict route's one-pass reader against the full parser: what it accepts reads into the same table, and
/// what it declines is left to the full parser (which answers or refuses it in its own words).
/// </summary>
public sealed class PredictRowsReaderTests
{
    private const string Entity = "customer_id";

    private static readonly SignatureColumn[] Signature =
    [
        new("tenure", "numeric", Required: true),
        new("monthly_charges", "numeric", Required: false),
        new("has_partner", "numeric", Required: false) { DataKind = ColumnKind.Boolean },
        new("signup_at", "numeric", Required: false) { DataKind = ColumnKind.Timestamp },
        new("contract", "text", Required: false),
    ];

    [Theory]
    [InlineData("""{"rows":[{"tenure":5}]}""")]
    [InlineData("""{"rows":[{"customer_id":"C1","tenure":5,"monthly_charges":80.5,"has_partner":true,"signup_at":1748736000,"contract":"Month-to-month"}]}""")]
    [InlineData("""{"rows":[{"TENURE":1,"Contract":"two year"},{"tenure":null,"has_partner":0,"contract":null},{"monthly_charges":-1e-7,"has_partner":false},{}]}""")]
    [InlineData("""{"rows":[{"tenure":1,"customer_id":null},{"tenure":2,"customer_id":"C2"},{"tenure":3},{"tenure":4,"contract":""},{"tenure":5}]}""")]
    [InlineData(""" {"rows" : [ {"contract":"a\u0020b","tenure":1234567.125} ] } """)]
    public void TryRead_WellFormedRows_ReadsTheSameTableAsTheFullParser(string json)
    {
        var expected = FullParse(json);
        Assert.NotNull(expected);

        Assert.True(PredictRowsReader.TryRead(Encoding.UTF8.GetBytes(json), PredictRowsLayout.Of(Signature, Entity), out var actual));

        AssertSameTable(expected, actual);
    }

    [Fact]
    public void TryRead_BodyInSeveralSegments_ReadsTheSameTable()
    {
        const string Json = """{"rows":[{"tenure":5,"contract":"month"},{"tenure":7,"has_partner":1}]}""";
        var bytes = Encoding.UTF8.GetBytes(Json);
        var first = new Segment(bytes.AsMemory(0, 11));
        var last = first.Append(bytes.AsMemory(11));

        Assert.True(PredictRowsReader.TryRead(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), PredictRowsLayout.Of(Signature, Entity), out var actual));

        AssertSameTable(FullParse(Json)!, actual);
    }

    [Theory]
    [InlineData("""{"rows":[{"tenure":"five"}]}""")] // text in a number column: the full parser names it
    [InlineData("""{"rows":[{"tenure":1,"signup_at":"2025-06-01T00:00:00Z"}]}""")] // a timestamp as text
    [InlineData("""{"rows":[{"tenure":"NaN"}]}""")]
    [InlineData("""{"rows":[{"tenure":1,"has_partner":2}]}""")]
    [InlineData("""{"rows":[{"tenure":1,"contract":3}]}""")]
    [InlineData("""{"rows":[{"tenure":1,"customer_id":42}]}""")] // an entity key as a number is kept as its digits by the full parser
    [InlineData("""{"rows":[{"customer_id":"C1"}]}""")] // entity keys alone: looked up in the online store
    [InlineData("""{"rows":[{"tenure":1,"unknown":2}]}""")]
    [InlineData("""{"rows":[{"tenure":1,"tenure":2}]}""")]
    [InlineData("""{"rows":[{"ten\u0075re":1}]}""")]
    [InlineData("""{"rows":[{"monthly_charges":1}]}""")] // a required input in no row
    [InlineData("""{"rows":[]}""")]
    [InlineData("""{"rows":[{"tenure":1}],"extra":1}""")]
    [InlineData("""{"extra":1,"rows":[{"tenure":1}]}""")]
    [InlineData("""{"rows":[{"tenure":1}]} x""")]
    [InlineData("""{"rows":[{"tenure":1}]""")]
    [InlineData("""{"rows":[[1]]}""")]
    [InlineData("""{"rows":[{"tenure":1e999}]}""")]
    public void TryRead_ShapeLeftToTheFullParser_Declines(string json) =>
        Assert.False(PredictRowsReader.TryRead(Encoding.UTF8.GetBytes(json), PredictRowsLayout.Of(Signature, Entity), out _));

    private static TabularData? FullParse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var (data, _) = InvocationsJsonParser.ParseRecords(document.RootElement.GetProperty("rows"), "rows", Signature, Entity);
        return data;
    }

    private static void AssertSameTable(TabularData expected, TabularData actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var i = 0; i < expected.Columns.Count; i++)
        {
            // Equal on doubles treats NaN as equal to NaN, so a missing value must be missing on both sides.
            Assert.Equal(expected.Columns[i].Numbers, actual.Columns[i].Numbers);
            Assert.Equal(expected.Columns[i].Texts, actual.Columns[i].Texts);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
