using ChurnOps.Storage.Artifacts.S3;

namespace ChurnOps.Storage.Tests.Artifacts;

public sealed class S3LocationTests
{
    [Theory]
    [InlineData("s3://models", "models", "")]
    [InlineData("s3://models/", "models", "")]
    [InlineData("s3://team.models-1/churn/prod/", "team.models-1", "churn/prod")]
    public void TryParse_ValidLocation_BucketAndNormalizedPrefix(string text, string bucket, string prefix)
    {
        Assert.True(S3BucketLocation.TryParse(text, out var location, out var error), error);
        Assert.Equal((bucket, prefix), (location!.Bucket, location.Prefix));
    }

    [Theory]
    [InlineData("http://models/x", "expected s3://bucket[/prefix]")]
    [InlineData("s3://", "expected s3://bucket[/prefix]")]
    [InlineData("s3://Models", "is not a bucket name")]
    [InlineData("s3://ab", "is not a bucket name")]
    [InlineData("s3://models/../etc", "may not contain")]
    [InlineData("s3://models/a?versionId=1", "no query")]
    public void TryParse_BadLocation_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(S3BucketLocation.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
