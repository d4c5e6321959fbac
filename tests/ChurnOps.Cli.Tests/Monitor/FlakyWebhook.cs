using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>
/// A real HTTP listener on a free 127.0.0.1 port that answers 503 to its first <c>failures</c> requests and 204 after,
/// recording every request's body and answer.
/// </summary>
internal sealed class FlakyWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(int Status, string Body)> _requests = [];
    private readonly int _failures;

    public FlakyWebhook(int failures)
    {
        _failures = failures;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/mlops/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public IReadOnlyList<(int Status, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            int status;
            lock (_requests)
            {
                status = _requests.Count < _failures ? 503 : 204;
                _requests.Add((status, body));
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}
