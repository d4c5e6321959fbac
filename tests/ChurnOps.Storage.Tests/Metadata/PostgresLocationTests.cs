using ChurnOps.Storage.Metadata;
using Npgsql;

namespace ChurnOps.Storage.Tests.Metadata;

public sealed class PostgresLocationTests
{
    [Fact]
    public void ToConnectionString_Url_EveryPartMapped()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString("postgresql://ana:p%40ss@db.internal:6543/churn%20ops?sslmode=require"));

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("churn ops", builder.Database);
        Assert.Equal("ana", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void ToConnectionString_NpgsqlConnectionString_KeptAsIs()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString("Host=h;Port=5433;Database=d;Username=u"));

        Assert.Equal(("h", 5433, "d", "u"), (builder.Host, builder.Port, builder.Database, builder.Username));
    }

    [Theory]
    [InlineData("mysql://u@h/d")]
    [InlineData("postgresql:///d")]
    [InlineData("postgresql://u:secret@h/d?nonsense_option=1")]
    public void ToConnectionString_NotAPostgresLocation_FormatErrorWithoutThePassword(string location)
    {
        var error = Assert.Throws<FormatException>(() => PostgresLocation.ToConnectionString(location));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u@h/d", true)]
    [InlineData("postgres://h/d", true)]
    [InlineData("Host=h;Database=d", true)]
    [InlineData(null, false)]
    [InlineData(".churnops/metadata.db", false)]
    public void IsPostgres_Location_Recognised(string? location, bool expected) =>
        Assert.Equal(expected, PostgresLocation.IsPostgres(location));
}
