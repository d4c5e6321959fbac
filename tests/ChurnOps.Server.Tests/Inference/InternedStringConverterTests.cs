using System.Buffers;
using System.Text;
using ChurnOps.Server.Inference;

namespace ChurnOps.Server.Tests.Inference;

/// <summary>Tensor names and datatypes read as shared instances, and read exactly whatever their form.</summary>
public sealed class InternedStringConverterTests
{
    private static InferenceTensor FirstTensor(string json)
    {
        var (request, error) = InferenceRequestReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        Assert.Null(error);
        return request!.Inputs![0];
    }

    [Fact]
    public void Parse_SameNameInTwoRequests_OneSharedInstance()
    {
        const string Body = """{"inputs":[{"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[1]}]}""";

        var (first, second) = (FirstTensor(Body), FirstTensor(Body));

        Assert.Equal("monthly_charges", first.Name);
        Assert.Same(first.Name, second.Name);
        Assert.Same(first.Datatype, second.Datatype);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"ten\u0075re","datatype":"FP64"}]}""", "tenure")]
    [InlineData("""{"inputs":[{"name":"Kündigungs-Datum ✓","datatype":"FP64"}]}""", "Kündigungs-Datum ✓")]
    [InlineData("""{"inputs":[{"name":"","datatype":"FP64"}]}""", "")]
    public void Parse_EscapedNonAsciiOrEmptyName_ReadExactly(string body, string expected) =>
        Assert.Equal(expected, FirstTensor(body).Name);

    [Fact]
    public void Parse_NameLongerThanTheSharedOnes_ReadWholeAndNotShared()
    {
        var name = new string('x', 129) + "é";
        var body = $$"""{"inputs":[{"name":"{{name}}","datatype":"FP64"}]}""";

        var (first, second) = (FirstTensor(body).Name, FirstTensor(body).Name);

        Assert.Equal(name, first);
        Assert.NotSame(first, second);
    }
}
