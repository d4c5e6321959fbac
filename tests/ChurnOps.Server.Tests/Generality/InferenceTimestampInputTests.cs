using System.Text.Json;
using ChurnOps.Server.Inference;

namespace ChurnOps.Server.Tests.Generality;

/// <summary>
/// A model trained on a date column takes it over the Open Inference Protocol the way the native and MLflow routes take
/// it: ISO-8601 text (BYTES) or seconds since the epoch (a number), to the same value.
/// </summary>
public sealed class InferenceTimestampInputTests
{
    private static readonly InputSpec[] Signature =
    [
        new("application_date", IsText: false, Required: true, IsTimestamp: true),
        new("amount", IsText: false, Required: false),
    ];

    private static InferenceRequest Request(string json) => JsonSerializer.Deserialize<InferenceRequest>(json)!;

    [Fact]
    public void Parse_TimestampAsIsoText_ReadsSecondsSinceEpochLikeNumbers()
    {
        var (text, textError) = InferenceRequestParser.Parse(Request("""
            {"inputs":[{"name":"application_date","shape":[3],"datatype":"BYTES","data":["2025-12-12","2025-12-12T06:30:00Z",null]}]}
            """), Signature);
        var (number, numberError) = InferenceRequestParser.Parse(Request("""
            {"inputs":[{"name":"application_date","shape":[1],"datatype":"FP64","data":[1765497600]}]}
            """), Signature);

        Assert.Null(textError);
        Assert.Null(numberError);
        Assert.Equal(1765497600d, text!["application_date"].Numbers![0]);
        Assert.Equal(1765497600d + 6.5 * 3600, text["application_date"].Numbers![1]);
        Assert.True(double.IsNaN(text["application_date"].Numbers![2]));
        Assert.Equal(number!["application_date"].Numbers![0], text["application_date"].Numbers![0]);
    }

    [Fact]
    public void Parse_TimestampTextThatIsNoDate_NamesInputAndElement()
    {
        var (data, error) = InferenceRequestParser.Parse(Request("""
            {"inputs":[{"name":"application_date","shape":[2],"datatype":"BYTES","data":["2025-01-01","next tuesday"]}]}
            """), Signature);

        Assert.Null(data);
        Assert.Equal("input 'application_date' element 1 is not an ISO-8601 date or timestamp", error);
    }

    [Fact]
    public void Parse_TextForPlainNumberInput_StillRefused()
    {
        var (data, error) = InferenceRequestParser.Parse(Request("""
            {"inputs":[{"name":"application_date","shape":[1],"datatype":"FP64","data":[0]},{"name":"amount","shape":[1],"datatype":"BYTES","data":["2025-01-01"]}]}
            """), Signature);

        Assert.Null(data);
        Assert.Contains("input 'amount' must have a numeric datatype", error, StringComparison.Ordinal);
    }
}
