namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A contract in the list: its newest version, where that version lives, who produces and consumes it, its tables.</summary>
internal sealed record ContractRow(string Id, string Version, string Status, string Source, IReadOnlyList<string> Owners, IReadOnlyList<string> Consumers, IReadOnlyList<string> Tables, int Versions);
