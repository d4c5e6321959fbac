using System.Buffers;
using System.Text;
using ChurnOps.Server.Inference;

namespace ChurnOps.Server.Tests.Inference;

public sealed class InferenceRequestReaderTests
{
    private static readonly InputSpec[] Signature = [new("tenure", IsText: false, Required: true)];

    [Fact]
    public void Parse_NullsBooleansAndNestedValuesInEveryOptionalPlace_Reads()
    {
        var (request, error) = Parse("""
            {"id":null,"parameters":{"a":null,"b":[true,{"c":null}]},"unknown":[null,{"x":[false]}],
             "inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","parameters":{"p":null},"extra":{"q":[null]},"data":[null,[3]]}],
             "outputs":[null,{"name":"probability","parameters":{"r":true}}]}
            """);

        Assert.Null(error);
        var (data, parseError) = InferenceRequestParser.Parse(request, Signature);
        Assert.Null(parseError);
        Assert.True(double.IsNaN(data!["tenure"].Numbers![0]));
        Assert.Equal(3, data["tenure"].Numbers![1]);
    }

    [Fact]
    public void Parse_ANullTensor_IsRefusedByThePlaceItSits()
    {
        var (request, error) = Parse("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},null]}""");

        Assert.Null(error);
        var (data, parseError) = InferenceRequestParser.Parse(request, Signature);
        Assert.Null(data);
        Assert.StartsWith("inputs[1]: expected a tensor object", parseError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":1}""", "id: expected a string")]
    [InlineData("""{"inputs":[{"shape":{"a":1}}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"shape":[1,true]}]}""", "inputs[0].shape: expected an array of integers")]
    [InlineData("""{"inputs":[{"datatype":false}]}""", "inputs[0].datatype: expected a string")]
    [InlineData("""{"inputs":[{"parameters":"x"}]}""", "inputs[0].parameters: expected an object")]
    [InlineData("""[1,2]""", "request: expected a JSON object")]
    [InlineData("""{"id":"a",}""", "malformed JSON at line 1")]
    [InlineData("", "malformed JSON")]
    public void Parse_WrongJson_SaysWhatWasExpectedWithoutDotNetNames(string json, string expected)
    {
        var (request, error) = Parse(json);

        Assert.Null(request);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ChurnOps.", error, StringComparison.Ordinal);
    }

    private static (InferenceRequest? Request, string? Error) Parse(string json) =>
        InferenceRequestReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
}
