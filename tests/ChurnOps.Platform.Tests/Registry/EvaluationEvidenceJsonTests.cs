using System.Text;
using ChurnOps.Platform.Registry.Cards;

namespace ChurnOps.Platform.Tests.Registry;

public sealed class EvaluationEvidenceJsonTests
{
    [Fact]
    public async Task ReadAsync_WhatWriteAsyncWrote_GivesEveryScoreAndValueBitForBit()
    {
        var evidence = CardEvidence.Create();
        // Values whose shortest decimal form is long or unusual.
        evidence.HeldOut.TestScores[0] = 0.1f + 0.2f;
        evidence.HeldOut.TestScores[1] = float.Epsilon;
        evidence.HeldOut.TestScores[2] = 1 - 1e-7f;
        using var stream = new MemoryStream();

        await EvaluationEvidenceJson.WriteAsync(stream, evidence, CancellationToken.None);
        stream.Position = 0;
        var (read, error) = await EvaluationEvidenceJson.ReadAsync(stream, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal((evidence.Recipe.Trainer, evidence.Recipe.Seed, evidence.Recipe.DataHash, evidence.Recipe.CodeVersion, evidence.Recipe.Table, evidence.Recipe.Rows),
            (read!.Recipe.Trainer, read.Recipe.Seed, read.Recipe.DataHash, read.Recipe.CodeVersion, read.Recipe.Table, read.Recipe.Rows));
        Assert.Equal(evidence.Recipe.Exclude, read.Recipe.Exclude);
        Assert.Equal(evidence.Recipe.FeatureViewVersions, read.Recipe.FeatureViewVersions);
        Assert.Equal(evidence.HeldOut.TestScores.Select(BitConverter.SingleToInt32Bits), read.HeldOut.TestScores.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(evidence.HeldOut.ValidationScores.Select(BitConverter.SingleToInt32Bits), read.HeldOut.ValidationScores.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(evidence.HeldOut.TestLabels, read.HeldOut.TestLabels);
        Assert.Equal(evidence.HeldOut.Threshold, read.HeldOut.Threshold);
        foreach (var column in evidence.HeldOut.TestRows.Columns)
        {
            var back = read.HeldOut.TestRows[column.Name];
            Assert.Equal(column.Kind, back.Kind);
            if (column.Numbers is { } numbers)
            {
                // NaN (missing) comes back as NaN; every other double bit for bit.
                Assert.Equal(numbers.Select(BitConverter.DoubleToInt64Bits), back.Numbers!.Select(BitConverter.DoubleToInt64Bits));
            }
            else
            {
                Assert.Equal(column.Texts, back.Texts);
            }
        }
    }

    [Theory]
    [InlineData("{}", "not a churnops-evaluation-evidence/1 file")]
    [InlineData("[1,2", "unreadable evaluation evidence")]
    [InlineData("{\"format\":\"churnops-evaluation-evidence/1\"}", "unreadable evaluation evidence")]
    public async Task ReadAsync_NotEvidence_SaysWhyInOneLine(string content, string expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));

        var (read, error) = await EvaluationEvidenceJson.ReadAsync(stream, CancellationToken.None);

        Assert.Null(read);
        Assert.StartsWith(expected, error);
        Assert.DoesNotContain('\n', error!);
    }
}
