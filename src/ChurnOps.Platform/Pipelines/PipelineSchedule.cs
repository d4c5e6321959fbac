using Quartz;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// A pipeline's schedule: <c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c> or a five-field crontab line,
/// read by Quartz and resolved in <see cref="TimeZone"/> (UTC unless the pipeline names one), so "0 6 * * *" in
/// Europe/Berlin is 06:00 Berlin time in summer and in winter. Six fields are Quartz's own form with a leading
/// seconds field ("*/10 * * * * *": every ten seconds), for schedules finer than a minute.
/// </summary>
public sealed class PipelineSchedule
{
    private readonly CronExpression _expression;

    private PipelineSchedule(string text, CronExpression expression, TimeZoneInfo timeZone)
    {
        Text = text;
        _expression = expression;
        TimeZone = timeZone;
    }

    public string Text { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Quartz's own form of the expression (seconds first), for its cron trigger.</summary>
    public string QuartzExpression => _expression.CronExpressionString;

    public static (PipelineSchedule? Schedule, string? Error) Parse(string? text, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "schedule: is empty");
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out zone))
        {
            return (null, $"timezone: '{Clip(timeZone)}' is not a time zone (use an IANA name such as Europe/Berlin or UTC)");
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('@') && trimmed is not ("@hourly" or "@daily" or "@midnight" or "@weekly" or "@monthly" or "@yearly" or "@annually"))
        {
            return (null, $"schedule: '{Clip(trimmed)}' is not a schedule (use @hourly, @daily, @weekly, @monthly, @yearly or five cron fields: minute hour day-of-month month day-of-week)");
        }

        var format = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.Quartz : CronFormat.Unix;
        if (!CronExpression.TryParse(trimmed, format, out var expression))
        {
            // TryParse says no without the reason; Parse names the field.
            try
            {
                CronExpression.Parse(trimmed, format);
            }
            catch (FormatException ex)
            {
                return (null, $"schedule: '{Clip(trimmed)}' is not a valid cron expression: {ex.Message}");
            }

            return (null, $"schedule: '{Clip(trimmed)}' is not a valid cron expression");
        }

        return (new PipelineSchedule(trimmed, expression!.WithTimeZone(zone!), zone!), null);
    }

    /// <summary>The first instant strictly after <paramref name="after"/> at which the schedule fires.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextValidTimeAfter(after);

    /// <summary>Every fire instant in [<paramref name="from"/>, <paramref name="to"/>), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, int max)
    {
        var fires = new List<DateTimeOffset>();
        var next = NextAfter(from.AddSeconds(-1));
        while (next is { } fire && fire < to && fires.Count < max)
        {
            fires.Add(fire);
            next = NextAfter(fire);
        }

        return fires;
    }

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
