using System.Globalization;
using ChurnOps.Core.Warehouse;
using Npgsql;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// PostgreSQL's TRY_CAST functions: each <c>churnops.try_*</c> (inlined SQL with cheap direct paths) gives exactly what
/// its exception-block twin <c>try_*_caught</c> gives, over text at and past every edge the direct paths judge (empty,
/// signs, digit counts at the type's limits, overflow, booleans' spellings, dates and times out of range, junk). The
/// functions also run in a parallel plan, where they used to fail (an exception block may not run in any process of a parallel query): now they keep the plan serial.
/// </summary>
public sealed class PostgresTryCastFunctionsTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private static readonly string[] Edges =
    [
        "", " ", "-", "+", ".", "-.", "0", "-0", "+1", " 1", "1 ", "--1", "1-", "-1-", "1.5", "1.", ".5", "-.5", "1.2.3", "1e5", "1E+05", "1e-5", "1e309",
        "9999", "-9999", "32767", "32768", "-32768", "-32769", "99999", "999999999", "-999999999", "2147483647", "2147483648", "-2147483649",
        "999999999999999999", "-999999999999999999", "9223372036854775807", "9223372036854775808", "12345678901234567890", "00000000000000000001",
        "NaN", "Infinity", "-Infinity", "abc", "١٢٣", "１２", "true", "false", "TRUE", "False", "tRuE", "t", "f", "1", "0", "yes", "no", "on", "off", "tr", "o", "2",
        "2024-01-01", "2024-02-29", "2023-02-29", "2024-13-01", "0000-01-01", "2024-01-01 10:00:00", "2024-01-01T10:00:00", "2024-01-01 24:00:01",
        "2024-01-01 10:00:00+02", "2024-01-01 10:00:00 UTC", "10:00", "25:00", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g",
    ];

    private static readonly string[] Functions =
        ["try_smallint", "try_integer", "try_bigint", "try_double", "try_real", "try_numeric", "try_boolean", "try_date", "try_timestamp", "try_timestamptz", "try_time", "try_uuid"];

    private readonly TempPostgresWarehouse _warehouse = new(database);

    public Task InitializeAsync() => _warehouse.ResetAsync();

    public Task DisposeAsync() => _warehouse.DisposeAsync().AsTask();

    [Fact]
    public async Task TryFunctions_EdgeTextAndRandomNumbers_SameAsTheExceptionBlock()
    {
        var warehouse = await _warehouse.OpenAsync();
        var random = new Random(11);
        var inputs = Edges.Concat(Enumerable.Range(0, 300).Select(_ => random.Next(6) switch
        {
            0 => Prefix(random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture), random.Next(1, 21)),
            1 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
            2 => "-" + random.Next().ToString(CultureInfo.InvariantCulture),
            3 => new string('9', random.Next(1, 25)),
            4 => random.Next(2) == 0 ? "t" : "false",
            _ => "-" + new string('0', random.Next(0, 5)) + random.Next(100).ToString(CultureInfo.InvariantCulture),
        })).ToList();
        await warehouse.ExecuteInTransactionAsync(
            ["CREATE TABLE staging.inputs (v TEXT)", $"INSERT INTO staging.inputs VALUES (NULL), {string.Join(", ", inputs.Select(v => "(" + SqlIdentifier.Literal(v) + ")"))}"], CancellationToken.None);

        var differing = string.Join(" + ", Functions.Select(f => $"count(*) FILTER (WHERE CAST(churnops.{f}(v) AS TEXT) IS DISTINCT FROM CAST(churnops.{f}_caught(v) AS TEXT))"));
        var parsed = string.Join(" + ", Functions.Select(f => $"count(churnops.{f}(v))"));
        var result = await warehouse.QueryAsync($"SELECT {differing} AS differing, {parsed} AS parsed FROM staging.inputs", CancellationToken.None);

        Assert.Equal(0, result["differing"].Numbers![0]);
        Assert.True(result["parsed"].Numbers![0] > inputs.Count, "most inputs parse as some type");
    }

    [Fact]
    public async Task TryFunctions_InAParallelPlan_Answer()
    {
        var warehouse = await _warehouse.OpenAsync();
        await warehouse.ExecuteAsync("CREATE TABLE staging.many AS SELECT CASE WHEN i % 7 = 0 THEN 'x' ELSE CAST(i AS TEXT) END AS v FROM generate_series(1, 200000) i", CancellationToken.None);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2; SET TimeZone = 'UTC';"
            + " SELECT count(churnops.try_double(v)) + count(churnops.try_integer(v)) FROM staging.many",
            connection);

        var parsed = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        Assert.Equal(2 * (200000 - (200000 / 7)), parsed);
    }

    private static string Prefix(string text, int length) => text[..Math.Min(text.Length, length)];
}
