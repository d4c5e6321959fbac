using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Cli.Tests.Sla;

/// <summary>
/// End to end: stale data → <c>churnops sla check</c> → DataSLAViolation alert → POST to the producer team's webhook
/// from churnops.yaml, received by a real HTTP listener on a real local port.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SlaCheckWebhookTests : IAsyncLifetime
{
    private readonly TemplateProjectDirectory _project = new();
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, string Body)> _received = [];
    private Uri _hook = null!;

    public async Task InitializeAsync()
    {
        await _project.WriteAsync();
        _hook = new Uri($"http://127.0.0.1:{FreePort()}/hooks/data-engineering/");
        _listener.Prefixes.Add(_hook.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Task DisposeAsync()
    {
        _listener.Close();
        _project.Delete();
        return Task.CompletedTask;
    }

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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                lock (_received)
                {
                    _received.Add((context.Request.Url!.AbsolutePath, body));
                }
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }


    private async Task SetDataEngineeringWebhookAsync(string webhook)
    {
        var config = Path.Combine(_project.Root, "churnops.yaml");
        var text = await File.ReadAllTextAsync(config);
        const string anchor = "    members: [de-oncall@example.com]\n";
        Assert.Contains(anchor, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace(anchor, anchor + $"    webhook: \"{webhook}\"\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlaCheck_StaleTable_PostsTheViolationToTheProducerTeamsWebhook()
    {
        await SetDataEngineeringWebhookAsync(_hook.ToString());
        var file = Path.Combine(_project.Root, "customers.csv");
        await File.WriteAllTextAsync(file, "customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at\n" +
            "C0000001,2023-01-05,basic,month-to-month,card,north,34,29.5,1,2024-06-01 10:00:00\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("ingest", "customers", file, "--dir", _project.Root)).Code);

        var (code, output, error) = await InProcessCli.RunAsync("sla", "check", "--contract", Path.Combine(_project.Root, "contracts", "customers.yaml"), "--dir", _project.Root);

        Assert.Equal(2, code);
        Assert.Contains("SLA violation(s); alerts recorded for data-engineering", error, StringComparison.Ordinal);
        Assert.DoesNotContain("delivery failed", output, StringComparison.Ordinal);
        var (path, body) = Assert.Single(_received);
        Assert.Equal(_hook.AbsolutePath, path);
        using var json = JsonDocument.Parse(body);
        var alert = json.RootElement;
        Assert.Equal("DataSLAViolation", alert.GetProperty("type").GetString());
        Assert.Equal("customers/customers", alert.GetProperty("subject").GetString());
        Assert.Equal("freshness", alert.GetProperty("rule").GetString());
        Assert.StartsWith("24 h", alert.GetProperty("threshold").GetString(), StringComparison.Ordinal);
        Assert.Contains("h (newest updated_at 2024-06-01 10:00:00Z)", alert.GetProperty("measured").GetString(), StringComparison.Ordinal);
        Assert.Equal("data-engineering", alert.GetProperty("team").GetString());
        Assert.True(alert.GetProperty("id").GetInt64() > 0);

        var (listCode, listed, _) = await InProcessCli.RunAsync("alerts", "list", "--dir", _project.Root);
        Assert.Equal(0, listCode);
        Assert.Contains("DataSLAViolation", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlaCheck_WebhookIsNotAUrl_RefusedAtStartWithThePath()
    {
        await SetDataEngineeringWebhookAsync("hooks.example.com/no-scheme");

        var (code, _, error) = await InProcessCli.RunAsync("sla", "check", "--dir", _project.Root);

        Assert.NotEqual(0, code);
        Assert.Contains("teams[0].webhook: 'hooks.example.com/no-scheme' is not an absolute http or https URL", error, StringComparison.Ordinal);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task SlaCheck_WebhookWithFtpScheme_RefusedAtStart()
    {
        await SetDataEngineeringWebhookAsync("ftp://hooks.example.com/x");

        var (code, _, error) = await InProcessCli.RunAsync("sla", "check", "--dir", _project.Root);

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("teams[0].webhook: 'ftp://hooks.example.com/x' is not an absolute http or https URL", error, StringComparison.Ordinal);
    }
}
