using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Serving.Files;

namespace ChurnOps.Platform.Tests.Registry;

public sealed class ModelUriTests
{
    [Theory]
    [InlineData("models:/churn/3", "churn", 3, null)]
    [InlineData("models:/churn@champion", "churn", null, "champion")]
    [InlineData(" models:/churn-eu/12 ", "churn-eu", 12, null)]
    public void Parse_VersionOrAlias_Parsed(string text, string name, int? version, string? alias)
    {
        var (uri, error) = ModelUri.Parse(text);

        Assert.Null(error);
        Assert.Equal((name, version, alias), (uri!.Name, uri.Version, uri.Alias));
    }

    [Fact]
    public void Parse_LatestAndStage_AsMlflowAcceptsThem()
    {
        Assert.True(ModelUri.Parse("models:/churn/latest").Uri!.Latest);
        Assert.Equal(ModelStage.Production, ModelUri.Parse("models:/churn/production").Uri!.Stage);
    }

    [Theory]
    [InlineData("models:/churn/three", "'three' is not a version number")]
    [InlineData("models:/churn/0", "version must be a positive whole number")]
    [InlineData("models:/churn@", "non-empty name and alias")]
    [InlineData("models:/churn", "expected models:/NAME/VERSION or models:/NAME@ALIAS")]
    [InlineData("runs:/abc/model", "is not a model URI")]
    public void Parse_Malformed_PreciseError(string text, string expected)
    {
        var (uri, error) = ModelUri.Parse(text);

        Assert.Null(uri);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelReferenceParse_ModelUris_BecomeVersionOrAliasReferences()
    {
        Assert.Equal(new ModelReference("churn", "champion", null), ModelReference.Parse("models:/churn@champion", "champion").Reference);
        Assert.Equal(new ModelReference("churn", null, 2), ModelReference.Parse("models:/churn/2", "champion").Reference);
        Assert.Contains("name a version", ModelReference.Parse("models:/churn/latest", "champion").Error, StringComparison.Ordinal);
        Assert.Contains("'x' is not a version number", ModelReference.Parse("models:/churn/x", "champion").Error, StringComparison.Ordinal);
    }
}
