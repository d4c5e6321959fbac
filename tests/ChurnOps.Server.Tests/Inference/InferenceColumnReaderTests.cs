using System.Buffers;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Server.Inference;

namespace ChurnOps.Server.Tests.Inference;

/// <summary>
/// The column reader against the full reader and parser: what it accepts reads into the same table, and everything it
/// declines is told by the full parser with the same message as before.
/// </summary>
public sealed class InferenceColumnReaderTests
{
    private static readonly InputSpec[] Signature =
    [
        new("contract_type", IsText: true, Required: false),
        new("monthly_charges", IsText: false, Required: false),
        new("tenure", IsText: false, Required: true),
        new("has_partner", IsText: false, Required: false),
    ];

    [Theory]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[3.5]}]}""")]
    [InlineData("""{"id":"r-1","inputs":[{"name":"TENURE","shape":[2,1],"datatype":"int64","data":[[3],[40]]},{"name":"contract_type","shape":[2],"datatype":"BYTES","data":["month-to-month",null]}]}""")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[4],"datatype":"BOOL","data":[true,false,"NaN",null]},{"name":"has_partner","shape":[4],"datatype":"BOOL","data":[[1],[[0]],true,"nan"]}]}""")]
    [InlineData("""{"extra":{"a":[1,{"b":null}]},"inputs":[{"name":"tenure","parameters":{"p":1},"extra":[null],"shape":[1],"datatype":"FP32","data":[-1e-7]}],"outputs":[{"name":"probability"}],"parameters":{"customer_id":"c-9","n":7}}""")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"contract_type","shape":[1],"datatype":"BYTES","data":["two\u0020year"]}]}""")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[0],"datatype":"FP64","data":[]}]}""")]
    [InlineData(""" {"id":null,"parameters":null,"outputs":null,"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1234567.125]}]} """)]
    public void TryRead_WellFormedRequest_ReadsTheSameTableAsTheFullParser(string json)
    {
        var (expected, expectedRequest) = FullParse(json);
        Assert.NotNull(expected);

        Assert.True(InferenceColumnReader.TryRead(Bytes(json), InferenceInputLayout.Of(Signature), out var body));

        AssertSameTable(expected, body.Data);
        Assert.Equal(expectedRequest!.Id, body.Id);
        Assert.Equal(string.Join(",", expectedRequest.Parameters?.Keys.Order() ?? Enumerable.Empty<string>()), string.Join(",", body.Parameters?.Keys.Order() ?? Enumerable.Empty<string>()));
        foreach (var (key, value) in expectedRequest.Parameters ?? [])
        {
            Assert.Equal(value.GetRawText(), body.Parameters![key].GetRawText());
        }
    }

    [Fact]
    public void TryRead_BodyInSeveralSegments_ReadsLikeOneSpan()
    {
        const string Json = """{"inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","data":[1,2]},{"name":"contract_type","shape":[2],"datatype":"BYTES","data":["a","b"]}]}""";
        var bytes = Encoding.UTF8.GetBytes(Json);
        var first = new Segment(bytes.AsMemory(0, 40));
        var last = first.Append(bytes.AsMemory(40));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.False(sequence.IsSingleSegment);

        Assert.True(InferenceColumnReader.TryRead(sequence, InferenceInputLayout.Of(Signature), out var body));

        AssertSameTable(FullParse(Json).Data!, body.Data);
    }

    [Theory]
    // Truncated or broken JSON, content after the object.
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1""", "malformed JSON at line 1")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]}]} x""", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    [InlineData("""[1]""", "request: expected a JSON object")]
    // Wrong datatype or JSON type.
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"BYTES","data":["x"]}]}""", "input 'tenure' must have a numeric datatype")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"contract_type","shape":[1],"datatype":"FP32","data":[1]}]}""", "input 'contract_type' must have datatype BYTES")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":["ten"]}]}""", "input 'tenure' element 0 is a string, expected a number for datatype FP64")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[true]}]}""", "element 0 is a boolean, expected a number for datatype FP64")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"contract_type","shape":[1],"datatype":"BYTES","data":[7]}]}""", "element 0 is a number, expected a string")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1e400]}]}""", "element 0 is infinite")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"TEXT","data":[1]}]}""", "must have a numeric datatype")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"data":[1]}]}""", "input 'tenure' has no 'datatype'")]
    [InlineData("""{"id":5,"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]}]}""", "id: expected a string")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1.5],"datatype":"FP64","data":[1]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"parameters":[1],"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]}]}""", "parameters: expected an object")]
    // Shape against data, ragged inputs.
    [InlineData("""{"inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","data":[1]}]}""", "has shape [2] but 1 data element(s)")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1,2]}]}""", "has shape [1] but 2 data element(s)")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1,3],"datatype":"FP64","data":[1,2,3]}]}""", "the shape must be [rows] or [rows, 1]")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[-1],"datatype":"FP64","data":[1]}]}""", "needs a 'shape' such as [rows]")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","data":[1,2]},{"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[1]}]}""", "has 1 rows but earlier inputs have 2")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[100001],"datatype":"FP64","data":[1]}]}""", "at most 100000 rows per request")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":{"a":1}}]}""", "needs 'data' as an array")]
    // Null in the wrong place.
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},null]}""", "inputs[1]: expected a tensor object")]
    [InlineData("""{"inputs":null}""", "request has no 'inputs'")]
    [InlineData("""{"inputs":[{"name":null,"shape":[1],"datatype":"FP64","data":[1]}]}""", "inputs[0] has no 'name'")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":null}]}""", "needs 'data' as an array")]
    // Unknown, duplicate and missing inputs.
    [InlineData("""{"inputs":[{"name":"tenur","shape":[1],"datatype":"FP64","data":[1]}]}""", "input 'tenur' is not an input of this model; expected: contract_type, monthly_charges, tenure, has_partner")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"Tenure","shape":[1],"datatype":"FP64","data":[1]}]}""", "input 'Tenure' appears more than once")]
    [InlineData("""{"inputs":[{"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[1]}]}""", "missing required input(s): tenure")]
    [InlineData("""{"inputs":[]}""", "request has no 'inputs'")]
    public void TryRead_BadRequest_DeclinesAndTheFullParserSaysWhy(string json, string expected)
    {
        Assert.False(InferenceColumnReader.TryRead(Bytes(json), InferenceInputLayout.Of(Signature), out _));

        var (request, readError) = InferenceRequestReader.Parse(new ReadOnlySequence<byte>(Bytes(json)));
        var error = readError ?? InferenceRequestParser.Parse(request, Signature).Error;
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    // Valid requests the column reader leaves to the full parser: data before the name, a repeated property.
    [InlineData("""{"inputs":[{"data":[1],"name":"tenure","shape":[1],"datatype":"FP64"}]}""")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]}],"id":"a","id":"b"}""")]
    public void TryRead_ValidButUnusualOrder_DeclinesAndTheFullParserReadsIt(string json)
    {
        Assert.False(InferenceColumnReader.TryRead(Bytes(json), InferenceInputLayout.Of(Signature), out _));

        Assert.NotNull(FullParse(json).Data);
    }

    [Fact]
    public void TryRead_HugeBodyOfManyRows_ReadsEveryRowAndRefusesOneTooMany()
    {
        var rows = InferenceRequestParser.MaxRows;
        var data = string.Join(",", Enumerable.Range(0, rows).Select(i => (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var json = $$"""{"inputs":[{"name":"tenure","shape":[{{rows}}],"datatype":"INT32","data":[{{data}}]}]}""";

        Assert.True(InferenceColumnReader.TryRead(Bytes(json), InferenceInputLayout.Of(Signature), out var body));
        Assert.Equal(rows, body.Data.RowCount);
        Assert.Equal(96, body.Data["tenure"].Numbers![96]);

        Assert.False(InferenceColumnReader.TryRead(Bytes(json.Replace($"[{rows}]", $"[{rows + 1}]", StringComparison.Ordinal)), InferenceInputLayout.Of(Signature), out _));
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static (TabularData? Data, InferenceRequest? Request) FullParse(string json)
    {
        var (request, readError) = InferenceRequestReader.Parse(new ReadOnlySequence<byte>(Bytes(json)));
        Assert.Null(readError);
        var (data, parseError) = InferenceRequestParser.Parse(request, Signature);
        Assert.Null(parseError);
        return (data, request);
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
