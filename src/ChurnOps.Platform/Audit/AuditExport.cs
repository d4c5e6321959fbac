using System.Text;
using System.Text.Json;
using ChurnOps.Core.Audit;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Audit;

/// <summary>The whole audit chain, oldest first, as JSON lines (one <see cref="AuditEntryView"/> a line), written to a temp name and renamed.</summary>
public static class AuditExport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Writes every entry to <paramref name="path"/>; returns how many. The file appears whole or not at all.</summary>
    public static async Task<long> WriteAsync(IAuditLog log, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        long count = 0;
        await AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await foreach (var entry in log.ReadChainAsync(token).ConfigureAwait(false))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(AuditEntryView.From(entry), Options).AsMemory(), token).ConfigureAwait(false);
                count++;
            }
        }, ct).ConfigureAwait(false);
        return count;
    }
}
