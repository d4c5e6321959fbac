namespace ChurnOps.Core.Contracts;

/// <summary>
/// A data contract in one model for both standards it is read from: the Open Data Contract Standard v3
/// (<c>apiVersion: v3.x</c>) and the older Data Contract Specification 1.x (<c>dataContractSpecification</c>).
/// Fields the model does not know are kept in <see cref="Extensions"/> so nothing a producer wrote is lost.
/// </summary>
public sealed record DataContract
{
    /// <summary>"odcs" or "dcs": the standard the file was written in.</summary>
    public required string Standard { get; init; }

    public required string ApiVersion { get; init; }

    public required string Id { get; init; }

    public string? Name { get; init; }

    public required string Version { get; init; }

    public string Status { get; init; } = "active";

    public string? Domain { get; init; }

    public string? DataProduct { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ContractTeamMember> Team { get; init; } = [];

    public IReadOnlyList<ContractSupportChannel> Support { get; init; } = [];

    public IReadOnlyList<ContractSchema> Schema { get; init; } = [];

    public IReadOnlyList<ContractSlaProperty> Sla { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Unknown fields by YAML path, as plain values (string, list, dictionary).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>Teams to notify when the contract is broken (role owner/producer, or every member when no role says so).</summary>
    public IReadOnlyList<string> Producers
    {
        get
        {
            var owners = Team.Where(m => m.IsProducer).Select(m => m.Username).Distinct(StringComparer.Ordinal).ToList();
            return owners.Count > 0 ? owners : Team.Select(m => m.Username).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<string> Consumers =>
        Team.Where(m => m.IsConsumer).Select(m => m.Username).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The schema object for a table, matched by name or physical name (case-insensitive).</summary>
    public ContractSchema? FindSchema(string table) =>
        Schema.FirstOrDefault(s => string.Equals(s.Name, table, StringComparison.OrdinalIgnoreCase))
        ?? Schema.FirstOrDefault(s => string.Equals(s.PhysicalName, table, StringComparison.OrdinalIgnoreCase));

    public ContractSlaProperty? FindSla(string property) =>
        Sla.FirstOrDefault(s => string.Equals(s.Property, property, StringComparison.OrdinalIgnoreCase));
}
