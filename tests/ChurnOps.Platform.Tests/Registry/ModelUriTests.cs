using ChurnOps.Platform.Registry.Reproduce;

namespace ChurnOps.Platform.Tests.Registry;

public sealed class ModelUriTests
{
    [Theory]
    [InlineData("models:/churn/3", "churn", 3, null)]
    [InlineData("models:/churn@champion", "churn", null, "champion")]
    [InlineData("models:/retention team/12", "retention team", 12, null)]
    public void Parse_WellFormed_GivesNameAndVersionOrAlias(string text, string name, int? version, string? alias)
    {
        var (uri, error) = ModelUri.Parse(text);

        Assert.Null(error);
        Assert.Equal(new ModelUri(name, version, alias), uri);
        Assert.Equal(text, uri!.ToString());
    }

    [Theory]
    [InlineData("churn", "is not a model URI")]
    [InlineData("models:/churn", "is not a model URI")]
    [InlineData("models:/churn/", "is not a version number")]
    [InlineData("models:/churn/three", "is not a version number")]
    [InlineData("models:/churn/0", "is not a version number")]
    [InlineData("models:/churn/-1", "is not a version number")]
    [InlineData("models:/churn/99999999999", "is not a version number")]
    [InlineData("models:/churn@", "is not a model URI")]
    [InlineData("models:/@champion", "is not a model URI")]
    [InlineData("models:/churn/3@champion", "is not a model URI")]
    [InlineData("", "is not a model URI")]
    public void Parse_Malformed_SaysWhatIsExpected(string text, string expected)
    {
        var (uri, error) = ModelUri.Parse(text);

        Assert.Null(uri);
        Assert.Contains(expected, error);
    }
}
