using System.Text;

namespace ChurnOps.Cli.Tests.Score;

/// <summary>`churnops score --shard i/N` as four real processes: their parts, concatenated, are the single run.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ScoreShardTests(QuickstartFixture fixture)
{
    private const int Shards = 4;

    [Fact]
    public async Task Score_FourShardProcesses_PartsConcatenatedEqualTheSingleRunRowForRow()
    {
        using var temp = new TempDirectory();
        var set = Path.Combine(temp.Path, "set.csv");
        var made = await CliProcess.RunAsync(temp.Path, "features", "training-set", "--entities", Path.Combine(fixture.ProjectDir, "data", "labels.csv"), "--views", "customer_features", "--out", set, "-C", fixture.ProjectDir);
        Assert.True(made.ExitCode == 0, made.Stderr);
        var input = Path.Combine(temp.Path, "rows.csv");
        await File.WriteAllTextAsync(input, WithQuotedLineBreaksAndBlankLines(await File.ReadAllLinesAsync(set)));
        var output = Path.Combine(temp.Path, "out", "scores.csv");

        // One after another: an embedded project's warehouse admits one process at a time (team mode lifts that).
        var single = await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", output, "-C", fixture.ProjectDir);
        var shards = new List<(int ExitCode, string Stdout, string Stderr)>();
        for (var i = 0; i < Shards; i++)
        {
            shards.Add(await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", output, "--shard", $"{i}/{Shards}", "-C", fixture.ProjectDir));
        }

        Assert.True(single.ExitCode == 0, single.Stderr);
        var whole = await File.ReadAllLinesAsync(output);
        Assert.Equal(2001, whole.Length);
        var combined = new List<string> { whole[0] };
        for (var i = 0; i < Shards; i++)
        {
            Assert.True(shards[i].ExitCode == 0, shards[i].Stderr);
            var part = await File.ReadAllLinesAsync(Path.Combine(temp.Path, "out", $"scores.part-{i}-of-{Shards}.csv"));
            Assert.Equal(whole[0], part[0]);
            Assert.Equal(2000 / Shards, part.Length - 1);
            combined.AddRange(part.Skip(1));
        }

        Assert.Equal(whole, combined);
    }

    [Theory]
    [InlineData("4/4", "error: --shard 4/4: the index must be between 0 and 3")]
    [InlineData("0/0", "error: --shard 0/0: the count must be at least 1")]
    [InlineData("a/b", "error: --shard 'a/b': expected INDEX/COUNT with whole numbers, such as 0/4")]
    public async Task Score_BadShard_OneLineErrorAndNoOutput(string shard, string expected)
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "rows.csv");
        await File.WriteAllTextAsync(input, "customer_id\nC1\n");

        var (code, _, stderr) = await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", Path.Combine(temp.Path, "scores.csv"), "--shard", shard, "-C", fixture.ProjectDir);

        Assert.Equal(2, code);
        Assert.Equal(expected, stderr.Trim());
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    /// <summary>
    /// The training set plus an unused text column holding quoted line breaks, and blank lines between records: a shard
    /// boundary must follow records, not lines, or the parts would split a record or count a blank line as a row.
    /// </summary>
    private static string WithQuotedLineBreaksAndBlankLines(string[] lines)
    {
        var text = new StringBuilder(lines[0]).Append(",note\n");
        for (var r = 1; r < lines.Length; r++)
        {
            text.Append(lines[r]).Append(r % 7 == 0 ? ",\"first line\nsecond, \"\"quoted\"\"\r\n\nthird\"\n" : ",plain\n");
            if (r % 250 == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
