using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Tests.Logging;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Platform.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private sealed class MemoryAlertStore : IAlertStore
    {
        public List<Alert> Stored { get; } = [];

        public Task<Alert> AddAsync(Alert alert, CancellationToken cancellationToken)
        {
            var stored = alert with { Id = Stored.Count + 1 };
            Stored.Add(stored);
            return Task.FromResult(stored);
        }

        public Task<IReadOnlyList<Alert>> ListAsync(string? type, int max, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Alert>>(Stored);
    }

    private sealed class Sink(string name, Func<string?> deliver) : IAlertSink
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(deliver());
        }
    }

    [Fact]
    public async Task RaiseAsync_TwoSinksFail_LogsEachFailureAndStillDeliversToTheRest()
    {
        var refusing = new Sink("webhook https://hooks.example/de", () => "answered 503 Service Unavailable (attempt 4)");
        var throwing = new Sink("pager", () => throw new HttpRequestException("connection refused"));
        var working = new Sink("log", () => null);
        var logger = new RecordingLogger();
        var alert = new Alert(0, Alert.DataSlaViolation, "contract customers", "freshness", "48 h", "24 h", "data-engineering", "stale", DateTimeOffset.UnixEpoch);

        var (stored, errors) = await new AlertDispatcher(new MemoryAlertStore(), [refusing, throwing, working], logger).RaiseAsync(alert, CancellationToken.None);

        Assert.Equal(2, errors.Count);
        Assert.Equal(1, working.Calls);
        Assert.Equal(
            [
                (LogLevel.Warning, $"Alert {stored.Id} (DataSLAViolation for data-engineering) not delivered by webhook https://hooks.example/de: answered 503 Service Unavailable (attempt 4)"),
                (LogLevel.Warning, $"Alert {stored.Id} (DataSLAViolation for data-engineering) not delivered by pager: connection refused"),
            ],
            logger.Events.Select(e => (e.Level, e.Message)));
    }
}
