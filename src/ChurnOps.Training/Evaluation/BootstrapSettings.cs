using System.Globalization;

namespace ChurnOps.Training.Evaluation;

/// <summary>How the confidence intervals are drawn: rows resampled with replacement, seeded, percentile bounds.</summary>
public sealed record BootstrapSettings(int Resamples, int Seed, double Confidence = 0.95)
{
    public static BootstrapSettings Default(int seed) => new(1000, seed);

    /// <summary>The method in words, for the model card.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"percentile bootstrap: {Resamples:N0} resamples of the test rows with replacement (seed {Seed}); the {Confidence * 100:0.#}% interval is the {(1 - Confidence) / 2 * 100:0.#}th to {(1 + Confidence) / 2 * 100:0.#}th percentile of the resampled metric (linear interpolation); resamples where the metric is undefined are left out and counted");
}
