using System.Globalization;

namespace ChurnOps.Core.Deployments;

/// <summary>
/// A deployment's traffic plan checked before anything is written: the candidate's weight at each step (rising, each
/// 1..100, ending at 100 where the alias moves), the time each step runs before it is judged, and the arms' weights when
/// a caller states them (they must add up to 100 and match the first step). Every problem is reported.
/// </summary>
public sealed record DeploymentPlan(IReadOnlyList<int> Steps, TimeSpan Interval, bool Shadow)
{
    public static readonly IReadOnlyList<int> DefaultSteps = [10, 25, 50, 100];

    /// <summary>
    /// <paramref name="canary"/> alone gives [canary, then the default steps above it]; <paramref name="steps"/> alone is
    /// taken as given; both must agree on the first step. <paramref name="weights"/> (stable, candidate) is optional.
    /// </summary>
    public static (DeploymentPlan? Plan, IReadOnlyList<string> Errors) Create(int? canary, IReadOnlyList<int>? steps, string? interval, bool shadow, (int Stable, int Candidate)? weights, TimeSpan defaultInterval)
    {
        var errors = new List<string>();
        if (canary is { } first && first is < 1 or > 99)
        {
            errors.Add($"canary: {first}% is not a canary weight; give 1 to 99");
        }

        List<int> plan;
        if (steps is { Count: > 0 })
        {
            plan = [.. steps];
            if (plan.Any(s => s is < 1 or > 100))
            {
                errors.Add($"steps: {Join(plan)}: every step is a weight from 1 to 100");
            }
            else if (plan.Zip(plan.Skip(1)).Any(p => p.Second <= p.First))
            {
                errors.Add($"steps: {Join(plan)}: weights must rise step by step");
            }
            else if (plan[^1] != 100)
            {
                errors.Add($"steps: {Join(plan)}: the last step must be 100 (where the alias moves)");
            }

            if (canary is { } c && plan[0] != c)
            {
                errors.Add($"canary: {c}% does not match the first step {plan[0]}%");
            }
        }
        else if (steps is { Count: 0 })
        {
            errors.Add("steps: give at least one step (e.g. 10,25,50,100)");
            plan = [];
        }
        else
        {
            var start = canary ?? DefaultSteps[0];
            plan = [start, .. DefaultSteps.Where(s => s > start)];
        }

        if (plan.Count > 0 && plan[0] == 100 && !shadow)
        {
            errors.Add("steps: a canary must start below 100% (use the serving alias to switch at once)");
        }

        if (weights is { } w)
        {
            if (w.Stable < 0 || w.Candidate < 0 || w.Stable + w.Candidate != 100)
            {
                errors.Add($"weights: stable {w.Stable} + candidate {w.Candidate} = {w.Stable + w.Candidate}; the arms' weights must add up to 100");
            }
            else if (plan.Count > 0 && w.Candidate != plan[0])
            {
                errors.Add($"weights: candidate {w.Candidate} does not match the first step {plan[0]}%");
            }
        }

        var every = defaultInterval;
        if (interval is not null)
        {
            var (parsed, error) = ParseInterval(interval);
            if (error is not null)
            {
                errors.Add("interval: " + error);
            }
            else
            {
                every = parsed;
            }
        }

        return errors.Count == 0 ? (new DeploymentPlan(plan, every, shadow), errors) : (null, errors);
    }

    /// <summary>"90s", "5m", "1h" or a whole number of seconds; from 1 second to 7 days.</summary>
    public static (TimeSpan Interval, string? Error) ParseInterval(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var unit = value.Length > 0 && char.IsAsciiLetter(value[^1]) ? char.ToLowerInvariant(value[^1]) : 's';
        var digits = char.IsAsciiLetter(value.Length > 0 ? value[^1] : '0') ? value[..^1] : value;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || unit is not ('s' or 'm' or 'h'))
        {
            return (default, $"'{(text.Length <= 20 ? text : text[..20] + "…")}' is not a duration (e.g. 30s, 5m, 1h)");
        }

        var seconds = amount > 7 * 24 * 3600 ? long.MaxValue : unit switch { 'm' => amount * 60, 'h' => amount * 3600, _ => amount };
        return seconds is < 1 or > 7 * 24 * 3600
            ? (default, $"'{text}' must be between 1s and 7 days")
            : (TimeSpan.FromSeconds(seconds), null);
    }

    private static string Join(IEnumerable<int> steps) => string.Join(',', steps);
}
