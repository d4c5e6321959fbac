using System.Text.Json.Serialization;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A contract version as the dashboard shows it: from the contract store (published or waiting for sign-off) or, not yet published, from the project's contracts/ folder.</summary>
internal sealed record ContractEntry(string Id, string Version, string Status, string Source, DateTimeOffset? PublishedAt, string? PublishedBy, string Yaml, [property: JsonIgnore] DataContract? Contract)
{
    public const string FromStore = "contract store";
    public const string FromProject = "project file";

    /// <summary>The teams to notify when it breaks (its producers).</summary>
    public IReadOnlyList<string> Owners => Contract?.Producers ?? [];

    public IReadOnlyList<string> Consumers => Contract?.Consumers ?? [];

    public IReadOnlyList<string> Tables => Contract?.Schema.Select(s => s.Name).ToList() ?? [];
}
