using System.Globalization;
using ChurnOps.Platform.Features;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>
/// Hand-built timelines proving the point-in-time join never leaks future rows: equal timestamps, TTL edges,
/// ties broken by created timestamp, missing entities, and a seeded random comparison with a brute-force join.
/// </summary>
public sealed class PointInTimeJoinTests
{
    private const string TimelineTable = "CREATE TABLE staging.timeline (customer_id VARCHAR, event_timestamp TIMESTAMP, created_ts TIMESTAMP, value DOUBLE, tag VARCHAR);";
    private const string TimelineSql = "SELECT customer_id, event_timestamp, created_ts, value, tag FROM staging.timeline";

    private static async Task<FeatureProject> TimelineProjectAsync(string rows, string ttl = "10d")
    {
        var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(TimelineTable + (rows.Length == 0 ? string.Empty : "INSERT INTO staging.timeline VALUES " + rows + ";"));
        await project.WriteViewAsync("timeline", TimelineSql, ttl, created: "created_ts", features: ["value", "tag"]);
        var apply = await project.Store.ApplyAsync(false, CancellationToken.None);
        Assert.True(apply.Succeeded, apply.Error);
        var build = await project.Store.BuildAsync(null, CancellationToken.None);
        Assert.True(build.Succeeded, build.Error);
        return project;
    }

    private static string Entities(params (string Key, string Ts)[] rows) =>
        "SELECT * FROM (VALUES " + string.Join(", ", rows.Select((r, i) => $"('{r.Key}', TIMESTAMP '{r.Ts}', {i})")) + ") t(customer_id, event_timestamp, row_id)";

    [Fact]
    public async Task GetTrainingSetAsync_FeatureAtSameTimestamp_IsUsed()
    {
        await using var project = await TimelineProjectAsync("('A', '2024-01-20 00:00:00', '2024-01-20 00:00:00', 1, 'same')");

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-20 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(1, set.Data["value"].Numbers![0]);
        Assert.Equal("same", set.Data["tag"].Texts![0]);
    }

    [Fact]
    public async Task GetTrainingSetAsync_FeatureOneSecondLater_IsNeverUsed()
    {
        await using var project = await TimelineProjectAsync("""
            ('A', '2024-01-19 00:00:00', '2024-01-19 00:00:00', 1, 'past'),
            ('A', '2024-01-20 00:00:01', '2024-01-20 00:00:01', 2, 'future'),
            ('B', '2024-01-20 00:00:01', '2024-01-20 00:00:01', 3, 'future')
            """);

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-20 00:00:00"), ("B", "2024-01-20 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(1, set.Data["value"].Numbers![0]);
        Assert.True(double.IsNaN(set.Data["value"].Numbers![1]));
        Assert.Null(set.Data["tag"].Texts![1]);
    }

    [Fact]
    public async Task GetTrainingSetAsync_TtlEdge_InclusiveAtTtlAndNullJustBeyond()
    {
        await using var project = await TimelineProjectAsync("""
            ('A', '2024-01-10 00:00:00', '2024-01-10 00:00:00', 1, 'edge'),
            ('B', '2024-01-09 23:59:59', '2024-01-09 23:59:59', 2, 'expired')
            """);

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-20 00:00:00"), ("B", "2024-01-20 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(1, set.Data["value"].Numbers![0]);
        Assert.True(double.IsNaN(set.Data["value"].Numbers![1]));
    }

    [Fact]
    public async Task GetTrainingSetAsync_ExpiredLatestRow_IsNullEvenWhenOlderRowsExist()
    {
        await using var project = await TimelineProjectAsync("""
            ('A', '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, 'old'),
            ('A', '2024-01-02 00:00:00', '2024-01-02 00:00:00', 2, 'older than ttl')
            """, ttl: "1d");

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-02 12:00:00"), ("A", "2024-01-05 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.Equal(2, set.Data["value"].Numbers![0]);
        Assert.True(double.IsNaN(set.Data["value"].Numbers![1]));
    }

    [Fact]
    public async Task GetTrainingSetAsync_TiedEventTimestamps_LatestCreatedWins()
    {
        await using var project = await TimelineProjectAsync("""
            ('A', '2024-01-19 00:00:00', '2024-01-19 06:00:00', 6, 'second'),
            ('A', '2024-01-19 00:00:00', '2024-01-19 01:00:00', 5, 'first'),
            ('A', '2024-01-19 00:00:00', NULL, 4, 'no created time')
            """);

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-20 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.Equal(6, set.Data["value"].Numbers![0]);
        Assert.Equal("second", set.Data["tag"].Texts![0]);
    }

    [Fact]
    public async Task GetTrainingSetAsync_MissingAndRepeatedEntities_KeepEveryRowInOrder()
    {
        await using var project = await TimelineProjectAsync("('A', '2024-01-19 00:00:00', '2024-01-19 00:00:00', 1, 'a')");

        var set = await project.Store.GetTrainingSetAsync(
            Entities(("Z", "2024-01-20 00:00:00"), ("A", "2024-01-20 00:00:00"), ("A", "2024-01-20 00:00:00"), ("A", "2024-01-18 00:00:00")), ["timeline"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal([0.0, 1, 2, 3], set.Data["row_id"].Numbers!);
        Assert.True(double.IsNaN(set.Data["value"].Numbers![0]));
        Assert.Equal(1, set.Data["value"].Numbers![1]);
        Assert.Equal(1, set.Data["value"].Numbers![2]);
        Assert.True(double.IsNaN(set.Data["value"].Numbers![3]));
    }

    [Fact]
    public async Task GetTrainingSetAsync_TwoViewsWithOwnTtls_JoinsEachIndependently()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        await project.SqlAsync(TimelineTable + """
            INSERT INTO staging.timeline VALUES ('A', '2024-01-15 00:00:00', NULL, 1, 'x');
            CREATE TABLE staging.other (customer_id VARCHAR, event_timestamp TIMESTAMP, other_value DOUBLE);
            INSERT INTO staging.other VALUES ('A', '2024-01-19 12:00:00', 7), ('A', '2024-01-20 00:00:01', 8);
            """);
        await project.WriteViewAsync("timeline", TimelineSql, "10d", created: "created_ts", features: ["value", "tag"]);
        await project.WriteViewAsync("other", "SELECT * FROM staging.other", "1d", features: ["other_value"]);
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        Assert.True((await project.Store.BuildAsync(null, CancellationToken.None)).Succeeded);

        var set = await project.Store.GetTrainingSetAsync(Entities(("A", "2024-01-20 00:00:00"), ("A", "2024-01-21 00:00:00")), ["timeline", "other"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        Assert.Equal(["value", "tag", "other_value"], set.FeatureColumns);
        Assert.Equal([1.0, 1.0], set.Data["value"].Numbers!);
        // 01-20: the 12:00 row of 01-19 (the 00:00:01 row is in the future); 01-21: the 01-20 row, within 1 day.
        Assert.Equal([7.0, 8.0], set.Data["other_value"].Numbers!);
        Assert.Equal(2, set.FeatureViewVersions.Count);
    }

    [Fact]
    public async Task GetTrainingSetAsync_IntegerKeysOfOtherWidthAndDeclaredTypes_SameSemanticsAsTextKeys()
    {
        await using var project = await FeatureProject.CreateAsync(keepTemplateViews: false);
        // Feature keys BIGINT, entity keys INTEGER: joined as integers; declared types stored as declared.
        await project.SqlAsync("""
            CREATE TABLE staging.accounts (account_id BIGINT, event_timestamp TIMESTAMP, created_ts TIMESTAMP, balance DOUBLE, visits BIGINT);
            INSERT INTO staging.accounts VALUES
              (10, '2024-01-20 00:00:00', '2024-01-20 00:00:00', 1.5, 1),
              (10, '2024-01-20 00:00:01', '2024-01-20 00:00:01', 2.5, 2),
              (11, '2024-01-15 00:00:00', '2024-01-15 01:00:00', 3.5, 3),
              (11, '2024-01-15 00:00:00', '2024-01-15 02:00:00', 4.5, 4),
              (12, '2024-01-09 23:59:59', '2024-01-09 23:59:59', 5.5, 5),
              (13, '2024-01-10 00:00:00', '2024-01-10 00:00:00', 6.5, 6);
            """);
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, "accounts.yaml"), """
            name: accounts
            entity: account_id
            timestamp: event_timestamp
            created_timestamp: created_ts
            ttl: 10d
            source: features/accounts.sql
            features:
              - name: balance
                logical_type: number
              - name: visits
                logical_type: integer
                physical_type: INTEGER
            """);
        await File.WriteAllTextAsync(Path.Combine(project.FeaturesDir, "accounts.sql"), "SELECT * FROM staging.accounts");
        Assert.True((await project.Store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        var build = await project.Store.BuildAsync(null, CancellationToken.None);
        Assert.True(build.Succeeded, build.Error);

        var set = await project.Store.GetTrainingSetAsync("""
            SELECT CAST(k AS INTEGER) AS account_id, CAST(ts AS TIMESTAMP) AS event_timestamp, i AS row_id
            FROM (VALUES (99, '2024-01-20 00:00:00', 0), (10, '2024-01-20 00:00:00', 1), (11, '2024-01-20 00:00:00', 2),
                         (12, '2024-01-20 00:00:00', 3), (13, '2024-01-20 00:00:00', 4), (10, '2024-01-19 23:59:59', 5)) t(k, ts, i)
            """, ["accounts"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        var stored = await project.Workspace.Warehouse.DescribeAsync("features", "accounts", CancellationToken.None);
        Assert.Equal(["BIGINT", "TIMESTAMP", "TIMESTAMP", "DOUBLE", "INTEGER"], stored.Select(c => c.SqlType));
        Assert.Equal([0.0, 1, 2, 3, 4, 5], set.Data["row_id"].Numbers!);
        // 99: no row; 10: the row at the same timestamp, never the one a second later; 11: tie, latest created;
        // 12: one second beyond the TTL; 13: exactly at the TTL; 10 a second earlier: nothing yet.
        Assert.Equal([double.NaN, 1.5, 4.5, double.NaN, 6.5, double.NaN], set.Data["balance"].Numbers!);
        Assert.Equal([double.NaN, 1, 4, double.NaN, 6, double.NaN], set.Data["visits"].Numbers!);
    }

    [Fact]
    public async Task GetTrainingSetAsync_RandomTimelines_MatchBruteForceJoinAndNeverLeak()
    {
        var random = new Random(20240601);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var features = new List<(string Key, DateTime Ts, DateTime Created, double Value)>();
        for (var i = 0; i < 600; i++)
        {
            // Timestamps on a coarse grid so equal event times (and entity times equal to them) are frequent.
            var ts = start.AddHours(random.Next(0, 24 * 20));
            features.Add(("K" + random.Next(0, 15).ToString(CultureInfo.InvariantCulture), ts, ts.AddSeconds(i), i));
        }

        var entities = Enumerable.Range(0, 300)
            .Select(_ => ("K" + random.Next(0, 17).ToString(CultureInfo.InvariantCulture), start.AddHours(random.Next(0, 24 * 22)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
            .ToArray();
        var rows = string.Join(",\n", features.Select(f =>
            $"('{f.Key}', '{f.Ts:yyyy-MM-dd HH:mm:ss}', '{f.Created:yyyy-MM-dd HH:mm:ss}', {f.Value.ToString(CultureInfo.InvariantCulture)}, 't')"));
        await using var project = await TimelineProjectAsync(rows, ttl: "3d");

        var set = await project.Store.GetTrainingSetAsync(Entities(entities), ["timeline"], CancellationToken.None);

        Assert.True(set.Succeeded, set.Error);
        var ttl = TimeSpan.FromDays(3);
        for (var r = 0; r < entities.Length; r++)
        {
            var (key, text) = entities[r];
            var at = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var expected = features
                .Where(f => f.Key == key && f.Ts <= at && f.Ts >= at - ttl)
                .OrderByDescending(f => f.Ts).ThenByDescending(f => f.Created)
                .Select(f => (double?)f.Value).FirstOrDefault();
            var actual = set.Data["value"].Numbers![r];
            Assert.Equal(expected ?? double.NaN, actual);
            if (expected is { } v)
            {
                Assert.True(features[(int)v].Ts <= at, $"row {r} leaked a feature from {features[(int)v].Ts:O} into {at:O}");
            }
        }
    }
}
