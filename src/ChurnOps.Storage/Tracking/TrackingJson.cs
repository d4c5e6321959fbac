using System.Text.Json;

namespace ChurnOps.Storage.Tracking;

internal static class TrackingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
