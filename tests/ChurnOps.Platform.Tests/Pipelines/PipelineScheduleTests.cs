using ChurnOps.Platform.Pipelines;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>When schedules fire, read with Quartz's cron in the pipeline's time zone, across Europe/Berlin's 2026 DST changes.</summary>
public sealed class PipelineScheduleTests
{
    [Fact]
    public void NextAfter_DailyInBerlin_KeepsLocalTimeAcrossBothDstChanges()
    {
        var (schedule, _) = PipelineSchedule.Parse("0 6 * * *", "Europe/Berlin");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));

        var spring = Fires(schedule!, clock.GetUtcNow(), 4);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero));
        var autumn = Fires(schedule!, clock.GetUtcNow(), 4);

        // 06:00 CET is 05:00Z; from 29 March 06:00 CEST is 04:00Z; from 25 October back to 05:00Z.
        Assert.Equal(["2026-03-28T05:00Z", "2026-03-29T04:00Z", "2026-03-30T04:00Z", "2026-03-31T04:00Z"], spring);
        Assert.Equal(["2026-10-24T04:00Z", "2026-10-25T05:00Z", "2026-10-26T05:00Z", "2026-10-27T05:00Z"], autumn);
    }

    [Fact]
    public void NextAfter_TimeSkippedBySpringForward_FiresOnceAtTheInstantTheClocksJumpTo()
    {
        var (schedule, _) = PipelineSchedule.Parse("30 2 * * *", "Europe/Berlin");

        var fires = Fires(schedule!, new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero), 3);

        // 02:30 does not exist on 29 March; the run of that day is at 03:00 CEST (01:00Z), not skipped and not doubled.
        Assert.Equal(["2026-03-28T01:30Z", "2026-03-29T01:00Z", "2026-03-30T00:30Z"], fires);
    }

    [Fact]
    public void NextAfter_HourlyAcrossFallBack_FiresForBothReadingsOfTheRepeatedHour()
    {
        var (schedule, _) = PipelineSchedule.Parse("@hourly", "Europe/Berlin");

        var fires = Fires(schedule!, new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero), 4);

        // 02:00 CEST (00:00Z) and 02:00 CET (01:00Z) are both hours that happened: one run each, an hour apart.
        Assert.Equal(["2026-10-25T00:00Z", "2026-10-25T01:00Z", "2026-10-25T02:00Z", "2026-10-25T03:00Z"], fires);
    }

    [Fact]
    public void Between_HourlyInUtc_OneFirePerIntervalStartInclusiveEndExclusive()
    {
        var (schedule, _) = PipelineSchedule.Parse("@hourly", null);
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var fires = schedule!.Between(from, from.AddHours(24), 1000);

        Assert.Equal(24, fires.Count);
        Assert.Equal(from, fires[0]);
        Assert.Equal(from.AddHours(23), fires[^1]);
    }

    [Fact]
    public void Parse_SixFields_LeadingSecondsFieldFiresWithinTheMinute()
    {
        var (schedule, error) = PipelineSchedule.Parse("*/15 * * * * *", null);
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Null(error);
        Assert.Equal([from, from.AddSeconds(15), from.AddSeconds(30), from.AddSeconds(45)], schedule!.Between(from, from.AddMinutes(1), 100));
    }

    [Fact]
    public void Parse_SevenFieldsOrBadSeconds_ErrorNamesTheExpression()
    {
        Assert.Contains("'*/61 * * * * *' is not a valid cron expression", PipelineSchedule.Parse("*/61 * * * * *", null).Error, StringComparison.Ordinal);
        Assert.Contains("'* * * * *  * * *' is not a valid cron expression", PipelineSchedule.Parse("* * * * *  * * *", null).Error, StringComparison.Ordinal);
    }

    private static List<string> Fires(PipelineSchedule schedule, DateTimeOffset after, int count)
    {
        var fires = new List<string>();
        var at = after;
        for (var i = 0; i < count; i++)
        {
            at = schedule.NextAfter(at)!.Value;
            fires.Add(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        return fires;
    }
}
