using System.Text.Json.Serialization;

namespace ChurnOps.Server.Dashboard.Overview;

/// <summary>One box of the hand-off chain: what it is, who owns it, when it was last checked, its open alerts and why it has its colour.</summary>
internal sealed record OverviewStage(
    string Stage,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Signal>))] Signal Signal,
    string Owner,
    DateTimeOffset? LastCheck,
    int OpenAlerts,
    IReadOnlyList<string> Reasons,
    string? Href);
