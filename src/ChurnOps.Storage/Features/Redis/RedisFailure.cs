using StackExchange.Redis;

namespace ChurnOps.Storage.Features.Redis;

/// <summary>A Redis failure in one short clause: the client's own messages span lines and list connection internals.</summary>
internal static class RedisFailure
{
    public static string Describe(Exception ex) => ex switch
    {
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } =>
            "the server refused the credentials; check CHURNOPS__STORAGE__REDIS__PASSWORD",
        RedisConnectionException connection =>
            $"the server is unreachable ({connection.FailureType}); check storage.online and that Redis is running",
        RedisTimeoutException or TimeoutException => "the server did not answer in time",
        RedisServerException server => "the server refused the command: " + FirstLine(server.Message),
        _ => FirstLine(ex.Message),
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
