namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>The short names used in config and on the command line (ks, chisquare, ztest, wasserstein, jensenshannon, psi).</summary>
public static class DriftTestNames
{
    private static readonly (string Name, DriftTest Test)[] Names =
    [
        ("ks", DriftTest.KolmogorovSmirnov),
        ("chisquare", DriftTest.ChiSquare),
        ("ztest", DriftTest.ZTest),
        ("wasserstein", DriftTest.Wasserstein),
        ("jensenshannon", DriftTest.JensenShannon),
        ("psi", DriftTest.Psi),
    ];

    public static string AllNames => string.Join("|", Names.Select(n => n.Name));

    public static bool TryParse(string? text, out DriftTest test)
    {
        foreach (var (name, value) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                test = value;
                return true;
            }
        }

        test = default;
        return false;
    }

    public static string NameOf(DriftTest test) => Names.First(n => n.Test == test).Name;

    /// <summary>Evidently's default threshold for the test.</summary>
    public static double DefaultThreshold(DriftTest test) => test switch
    {
        DriftTest.KolmogorovSmirnov or DriftTest.ChiSquare or DriftTest.ZTest => 0.05,
        _ => 0.1,
    };

    /// <summary>True when the test's score is a p-value (small = drift); false when it is a distance (large = drift).</summary>
    public static bool IsPValue(DriftTest test) => test is DriftTest.KolmogorovSmirnov or DriftTest.ChiSquare or DriftTest.ZTest;
}
