namespace ChurnOps.Platform.Quickstart;

public sealed record QuickstartOptions(string Directory, int Rows, int Seed, DateTimeOffset AsOf, string User)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add("--dir is required");
        }

        if (Rows is < 200 or > 5_000_000)
        {
            errors.Add($"--rows must be between 200 and 5,000,000 (got {Rows})");
        }

        return errors;
    }
}
