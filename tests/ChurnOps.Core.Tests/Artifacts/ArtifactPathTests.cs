using ChurnOps.Core.Artifacts;

namespace ChurnOps.Core.Tests.Artifacts;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData("models/churn/1/model.zip", "models/churn/1/model.zip")]
    [InlineData("a\\b\\c.txt", "a/b/c.txt")]
    [InlineData("a//b/", "a/b")]
    public void TryNormalize_RelativePaths_AreNormalized(string input, string expected)
    {
        Assert.True(ArtifactPath.TryNormalize(input, out var normalized, out var error));
        Assert.Null(error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("a/../../b")]
    [InlineData("/etc/passwd")]
    [InlineData("./a")]
    [InlineData("C:/windows")]
    public void TryNormalize_EscapingPaths_AreRefusedWithReason(string input)
    {
        Assert.False(ArtifactPath.TryNormalize(input, out _, out var error));
        Assert.Contains(input, error, StringComparison.Ordinal);
    }
}
