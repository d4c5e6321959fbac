using ChurnOps.Core.Quality;

namespace ChurnOps.Core.Tests.Quality;

public sealed class ReadOnlySqlGuardTests
{
    [Theory]
    [InlineData("SELECT count(*) FROM staging.customers WHERE age < 18")]
    [InlineData("select 100.0 * count(*) FILTER (WHERE plan IS NULL) / count(*) from \"staging\".\"customers\";")]
    [InlineData("WITH x AS (SELECT customer_id FROM staging.customers) SELECT count(*) FROM x")]
    [InlineData("(SELECT max(updated_at) > now() - INTERVAL 1 DAY FROM staging.customers)")]
    [InlineData("SELECT count(*) FROM staging.customers WHERE note = 'drop table x; delete from y' -- insert into z\n")]
    [InlineData("SELECT count(*) FROM staging.customers /* COPY t TO 'x' */ WHERE \"update\" > 0")]
    [InlineData("SELECT count(*) FROM staging.customers a JOIN staging.events e ON a.id = e.id, staging.labels l")]
    [InlineData("SELECT count(*) FROM range(10)")]
    public void Check_ReadOnlySelect_HasNoProblem(string sql) => Assert.Empty(ReadOnlySqlGuard.Check(sql));

    [Theory]
    [InlineData("SELECT 1; DROP TABLE staging.customers", "only one statement")]
    [InlineData("SELECT 1;\nSELECT 2", "';' at line 1 is followed by 'SELECT' at line 2")]
    [InlineData("DELETE FROM staging.customers", "only a SELECT or WITH query")]
    [InlineData("WITH d AS (DELETE FROM staging.customers RETURNING *) SELECT count(*) FROM d", "'DELETE' is not allowed")]
    [InlineData("ATTACH 'other.db' AS o", "'ATTACH' is not allowed")]
    [InlineData("COPY staging.customers TO '/tmp/out.csv'", "'COPY' is not allowed")]
    [InlineData("PRAGMA database_list", "'PRAGMA' is not allowed")]
    [InlineData("INSTALL httpfs", "'INSTALL' is not allowed")]
    [InlineData("LOAD httpfs", "'LOAD' is not allowed")]
    [InlineData("SET enable_external_access = true", "'SET' is not allowed")]
    [InlineData("CALL pragma_version()", "'CALL' is not allowed")]
    [InlineData("EXPORT DATABASE '/tmp/x'", "'EXPORT' is not allowed")]
    [InlineData("IMPORT DATABASE '/tmp/x'", "'IMPORT' is not allowed")]
    [InlineData("SELECT * INTO backup FROM staging.customers", "'INTO' is not allowed")]
    [InlineData("SELECT count(*) FROM read_csv('/etc/passwd')", "function 'read_csv' is not allowed")]
    [InlineData("SELECT count(*) FROM READ_PARQUET('s3://bucket/x.parquet')", "function 'READ_PARQUET' is not allowed")]
    [InlineData("SELECT count(*) FROM read_json_auto('https://example.com/x.json')", "function 'read_json_auto' is not allowed")]
    [InlineData("SELECT count(*) FROM glob('/home/*')", "function 'glob' is not allowed")]
    [InlineData("SELECT nextval('seq')", "function 'nextval' is not allowed")]
    [InlineData("SELECT count(*) FROM query('DELETE FROM t')", "function 'query' is not allowed")]
    [InlineData("SELECT count(*) FROM '/etc/passwd'", "reading a file as a table")]
    [InlineData("SELECT count(*) FROM staging.customers, 'data.csv'", "reading a file as a table")]
    [InlineData("SELECT count(*) FROM staging.customers JOIN \"data/x.parquet\" USING (id)", "reading a file as a table")]
    [InlineData("SELECT 'unterminated", "unterminated string literal")]
    [InlineData("SELECT 1 /* open", "unterminated comment")]
    [InlineData("", "the query is empty")]
    public void Check_ForbiddenSql_NamesTheProblem(string sql, string expected)
    {
        var problems = ReadOnlySqlGuard.Check(sql);

        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ForbiddenFunctionOnThirdLine_ReportsThatLine()
    {
        var problem = Assert.Single(ReadOnlySqlGuard.Check("SELECT count(*)\nFROM staging.customers\nWHERE id IN (SELECT id FROM read_csv('x.csv'))"));

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Expand_ObjectAndPropertyPlaceholders_AreReplacedInBothSpellings()
    {
        var (sql, error) = SqlQualityPlaceholders.Expand("SELECT count(*) FROM ${object} WHERE {property} IS NULL AND {column} > 0 AND {table} IS NOT NULL", "\"staging\".\"t\"", "\"c\"");

        Assert.Null(error);
        Assert.Equal("SELECT count(*) FROM \"staging\".\"t\" WHERE \"c\" IS NULL AND \"c\" > 0 AND \"staging\".\"t\" IS NOT NULL", sql);
    }

    [Fact]
    public void Expand_PropertyInTableLevelRule_IsAnError()
    {
        var (_, error) = SqlQualityPlaceholders.Expand("SELECT count(*) FROM {object} WHERE ${property} IS NULL", "t", null);

        Assert.Contains("${property} has no value in a table-level rule", error, StringComparison.Ordinal);
    }
}
