using System.Text.Json;
using ChurnOps.Server.Inference;

namespace ChurnOps.Server.Tests.Inference;

public sealed class InferenceRequestParserTests
{
    private static readonly InputSpec[] Signature =
    [
        new("contract_type", IsText: true, Required: false),
        new("monthly_charges", IsText: false, Required: false),
        new("tenure", IsText: false, Required: true),
    ];

    private static InferenceRequest Request(string json) => JsonSerializer.Deserialize<InferenceRequest>(json)!;

    [Fact]
    public void Parse_ValidColumns_BuildsTableInSignatureOrder_MissingOptionalAsNaN()
    {
        var (data, error) = InferenceRequestParser.Parse(Request("""
            {"inputs":[
              {"name":"tenure","shape":[2,1],"datatype":"INT64","data":[[3],[40]]},
              {"name":"contract_type","shape":[2],"datatype":"BYTES","data":["month-to-month",null]}
            ]}
            """), Signature);

        Assert.Null(error);
        Assert.Equal(["contract_type", "monthly_charges", "tenure"], data!.Columns.Select(c => c.Name));
        Assert.Equal([3, 40], data["tenure"].Numbers!);
        Assert.True(double.IsNaN(data["monthly_charges"].Numbers![1]));
        Assert.Null(data["contract_type"].Texts![1]);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"tenur","shape":[1],"datatype":"FP64","data":[1]}]}""", "input 'tenur' is not an input of this model")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","data":[1]}]}""", "has shape [2] but 1 data element(s)")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1,3],"datatype":"FP64","data":[1,2,3]}]}""", "the shape must be [rows] or [rows, 1]")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"BYTES","data":["x"]}]}""", "input 'tenure' must have a numeric datatype")]
    [InlineData("""{"inputs":[{"name":"contract_type","shape":[1],"datatype":"FP32","data":[1]},{"name":"tenure","shape":[1],"datatype":"FP32","data":[1]}]}""", "input 'contract_type' must have datatype BYTES")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":["ten"]}]}""", "element 0 is a string, expected a number")]
    [InlineData("""{"inputs":[{"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[1]}]}""", "missing required input(s): tenure")]
    [InlineData("""{"inputs":[]}""", "request has no 'inputs'")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"data":[1]}]}""", "input 'tenure' has no 'datatype'")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[2],"datatype":"FP64","data":[1,2]},{"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[1]}]}""", "has 1 rows but earlier inputs have 2")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"TENURE","shape":[1],"datatype":"FP64","data":[1]}]}""", "appears more than once")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[{"value":1}]}]}""", "element 0 is an object, expected a number")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1e400]}]}""", "element 0 is infinite")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":{"value":1}}]}""", "needs 'data' as an array")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64"}]}""", "needs 'data' as an array")]
    [InlineData("""{"inputs":[{"name":"tenure","shape":[1],"datatype":"FP64","data":[1]},{"name":"contract_type","shape":[1],"datatype":"BYTES","data":[7]}]}""", "element 0 is a number, expected a string")]
    public void Parse_BadRequest_ReturnsPreciseError(string json, string expected)
    {
        var (data, error) = InferenceRequestParser.Parse(Request(json), Signature);

        Assert.Null(data);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedArraysBooleansAndNaNStrings_AreReadInRowOrder()
    {
        var (data, error) = InferenceRequestParser.Parse(Request("""
            {"inputs":[
              {"name":"tenure","shape":[4,1],"datatype":"BOOL","data":[[true],[false],["NaN"],[null]]},
              {"name":"monthly_charges","shape":[4],"datatype":"FP64","data":[[1.5,-2],[[3e-7]],1234567.125]}
            ]}
            """), Signature);

        Assert.Null(error);
        Assert.Equal([1, 0, double.NaN, double.NaN], data!["tenure"].Numbers!);
        Assert.Equal([1.5, -2, 3e-7, 1234567.125], data["monthly_charges"].Numbers!);
        Assert.Equal(new string?[4], data["contract_type"].Texts!);
    }

    [Fact]
    public void Parse_TooManyRows_IsRefused()
    {
        var request = new InferenceRequest
        {
            Inputs = [new InferenceTensor { Name = "tenure", Datatype = "FP64", Shape = [InferenceRequestParser.MaxRows + 1], Data = TensorData.FromJson("[]") }],
        };

        var (_, error) = InferenceRequestParser.Parse(request, Signature);

        Assert.Contains("at most 100000 rows", error, StringComparison.Ordinal);
    }
}
