namespace ChurnOps.Core.Contracts;

public sealed record ContractTeamMember(string Username, string? Role, string? Name = null)
{
    public bool IsProducer => Role is not null
        && (Role.Contains("owner", StringComparison.OrdinalIgnoreCase) || Role.Contains("producer", StringComparison.OrdinalIgnoreCase));

    public bool IsConsumer => Role is not null && Role.Contains("consumer", StringComparison.OrdinalIgnoreCase);
}
