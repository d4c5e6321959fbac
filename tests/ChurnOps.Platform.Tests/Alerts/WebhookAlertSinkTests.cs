using System.Net;
using System.Net.Sockets;
using System.Text;
using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Alerts;

namespace ChurnOps.Platform.Tests.Alerts;

/// <summary>The webhook sink against a real HTTP listener on a real local port.</summary>
public sealed class WebhookAlertSinkTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _bodies = [];
    private readonly Queue<int> _statuses = new();

    public WebhookAlertSinkTests()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}/hooks/alerts/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    private Uri Url { get; }

    private static Alert Sample() => new(7, Alert.DataSlaViolation, "customers/customers", "freshness", "48 h", "24 h", "data-engineering", "customers is 48 h old", DateTimeOffset.UnixEpoch);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                lock (_bodies)
                {
                    _bodies.Add(body);
                }
            }

            lock (_statuses)
            {
                context.Response.StatusCode = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            }

            context.Response.Close();
        }
    }

    [Fact]
    public async Task DeliverAsync_ServerFailsTwiceThenAccepts_RetriesAndDelivers()
    {
        _statuses.Enqueue(500);
        _statuses.Enqueue(503);
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, Url, TimeProvider.System, maxAttempts: 4, baseDelay: TimeSpan.FromMilliseconds(10));

        var error = await sink.DeliverAsync(Sample(), CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(3, _bodies.Count);
        Assert.Contains("\"type\":\"DataSLAViolation\"", _bodies[2], StringComparison.Ordinal);
        Assert.Contains("\"team\":\"data-engineering\"", _bodies[2], StringComparison.Ordinal);
        Assert.Contains("\"threshold\":\"24 h\"", _bodies[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ServerKeepsFailing_ReturnsTheLastErrorAfterMaxAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _statuses.Enqueue(502);
        }

        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, Url, TimeProvider.System, maxAttempts: 3, baseDelay: TimeSpan.FromMilliseconds(5));

        var error = await sink.DeliverAsync(Sample(), CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains("502", error, StringComparison.Ordinal);
        Assert.Contains("attempt 3", error, StringComparison.Ordinal);
        Assert.Equal(3, _bodies.Count);
    }

    [Fact]
    public async Task DeliverAsync_ClientError_IsNotRetried()
    {
        _statuses.Enqueue(400);
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, Url, TimeProvider.System, maxAttempts: 3, baseDelay: TimeSpan.FromMilliseconds(5));

        var error = await sink.DeliverAsync(Sample(), CancellationToken.None);

        Assert.Contains("400", error, StringComparison.Ordinal);
        Assert.Single(_bodies);
    }

    [Fact]
    public async Task DeliverAsync_NothingListening_ReturnsAnErrorInsteadOfThrowing()
    {
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(http, new Uri($"http://127.0.0.1:{FreePort()}/"), TimeProvider.System, maxAttempts: 2, baseDelay: TimeSpan.FromMilliseconds(5));

        var error = await sink.DeliverAsync(Sample(), CancellationToken.None);

        Assert.Contains("attempt 2", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
