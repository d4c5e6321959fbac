namespace ChurnOps.Platform.Generation;

/// <summary>The few distributions the generator needs, all drawn from one seeded <see cref="Random"/> so a seed reproduces the data.</summary>
internal sealed class SeededSampler(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public double Normal(double mean, double stdDev)
    {
        // Box–Muller; 1 - u keeps the logarithm away from zero.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (stdDev * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            // Normal approximation: exact sampling is slow for large rates and the shape is the same for our purpose.
            return Math.Max(0, (int)Math.Round(Normal(lambda, Math.Sqrt(lambda))));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    public bool Bernoulli(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<(T Value, double Weight)> choices)
    {
        var total = 0.0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var target = _random.NextDouble() * total;
        foreach (var (value, weight) in choices)
        {
            target -= weight;
            if (target <= 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
