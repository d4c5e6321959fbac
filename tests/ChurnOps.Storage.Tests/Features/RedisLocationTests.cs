using ChurnOps.Storage.Features.Redis;

namespace ChurnOps.Storage.Tests.Features;

public sealed class RedisLocationTests
{
    [Theory]
    [InlineData("redis://cache", "redis://cache:6379/0")]
    [InlineData("redis://127.0.0.1:6380", "redis://127.0.0.1:6380/0")]
    [InlineData("redis://cache:7000/3", "redis://cache:7000/3")]
    [InlineData("rediss://cache.example.com/1", "rediss://cache.example.com:6379/1")]
    public void TryParse_ValidLocation_NormalizedWithPortAndDatabase(string text, string expected)
    {
        Assert.True(RedisLocation.TryParse(text, out var location, out var error), error);
        Assert.Equal(expected, location!.ToString());
    }

    [Theory]
    [InlineData("cache:6379", "expected redis://")]
    [InlineData("http://cache:6379", "expected redis://")]
    [InlineData("redis://:hunter2@cache:6379", "CHURNOPS__STORAGE__REDIS__PASSWORD")]
    [InlineData("redis://cache/16", "not a database number")]
    [InlineData("redis://cache/x", "not a database number")]
    [InlineData("redis://cache?ssl=true", "without query")]
    public void TryParse_BadLocation_SaysWhatIsExpected(string text, string expected)
    {
        Assert.False(RedisLocation.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
