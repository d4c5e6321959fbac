using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;

namespace ChurnOps.Server.Hosting;

/// <summary>
/// Keeps one warehouse connection open while the server runs. DuckDB lets one process at a time write a file and
/// releases the lock when the last connection closes; holding it means a CLI run on the same project fails fast at open
/// with a clear message, instead of the server's prediction writes failing later.
/// </summary>
internal sealed class WarehouseLease(ChurnOpsWorkspace workspace, ILogger<WarehouseLease> logger) : IHostedService, IAsyncDisposable
{
    private IAsyncDisposable? _connection;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await workspace.KeepWarehouseOpenAsync(cancellationToken).ConfigureAwait(false);
        ServerLog.WarehouseLeaseTaken(logger, workspace.Layout.WarehouseFile);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        ServerLog.Stopping(logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
