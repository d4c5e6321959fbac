namespace ChurnOps.Platform.Generation;

/// <summary>What to generate: how many customers, the seed, the snapshot time, and whether to shift distributions (drift).</summary>
public sealed record SyntheticDataOptions(int Rows, int Seed, DateTimeOffset AsOf, bool InjectDrift = false, int HistoryDays = 120)
{
    public const int MaxRows = 10_000_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Rows is < 1 or > MaxRows)
        {
            errors.Add($"--rows must be between 1 and {MaxRows:N0} (got {Rows})");
        }

        if (HistoryDays is < 31 or > 3650)
        {
            errors.Add($"history must be between 31 and 3650 days (got {HistoryDays})");
        }

        return errors;
    }
}
