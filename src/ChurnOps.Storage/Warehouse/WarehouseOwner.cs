using System.Globalization;
using System.Text.Json;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Who holds the warehouse's writer lock: written next to the warehouse (<c>warehouse.owner</c>) while a command holds
/// it, so a second command can say "held by 'churnops serve' (pid 1234, since …)" instead of guessing.
/// </summary>
public sealed record WarehouseOwner(int Pid, string Command, DateTimeOffset Since, string Host)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string FileFor(string warehousePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(warehousePath))!, "warehouse.owner");

    /// <summary>The recorded owner, or null when none is recorded or the file cannot be read (it is advice, never required).</summary>
    public static WarehouseOwner? TryRead(string warehousePath)
    {
        try
        {
            var file = FileFor(warehousePath);
            return File.Exists(file) ? JsonSerializer.Deserialize<WarehouseOwner>(File.ReadAllText(file), Options) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>False when the recorded process is known to be gone (a holder killed with SIGKILL leaves its file behind).</summary>
    public bool MayBeAlive()
    {
        if (Host != Environment.MachineName)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Write(string warehousePath) => File.WriteAllText(FileFor(warehousePath), JsonSerializer.Serialize(this, Options));

    /// <summary>Removes the owner file if it still names this owner (a later holder's file is left alone).</summary>
    public void Remove(string warehousePath)
    {
        if (TryRead(warehousePath) is { } current && current.Pid == Pid && current.Since == Since && current.Host == Host)
        {
            try
            {
                File.Delete(FileFor(warehousePath));
            }
            catch (IOException)
            {
                // Stale advice only; the next holder overwrites it.
            }
        }
    }

    public string Describe() =>
        $"'{Command}' (pid {Pid.ToString(CultureInfo.InvariantCulture)}{(Host == Environment.MachineName ? string.Empty : " on " + Host)}, since {Since.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";
}
