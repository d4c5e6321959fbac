using System.Text;
using System.Text.Json;
using ChurnOps.Core.Tracking;
using ChurnOps.Server.Mlflow;

namespace ChurnOps.Server.Tests.Mlflow;

public sealed class MlflowRunsJsonWriterTests
{
    [Fact]
    public void WriteSearchResponse_AwkwardRuns_SameBytesAsTheSerializerDialect()
    {
        var runs = new List<Run>
        {
            new(
                new RunInfo("a1", "cand \"1\" <b>", "3", "ana", "FINISHED", 1700000000000, 1700000000999, "mlflow-artifacts:/3/a1/artifacts", "active"),
                new RunData(
                    [new("auc", 0.8312345678901234, 5, 2), new("loss", double.NaN, 6, 0), new("up", double.PositiveInfinity, 7, 1), new("down", double.NegativeInfinity, 8, 1), new("big", double.MaxValue, 9, 0), new("tiny", 5e-324, 1, 0)],
                    [new("lr", "0.1"), new("note", "ünïcödé \n tab\t")],
                    [new("mlflow.runName", "cand \"1\" <b>")]),
                [new(new TrackedDataset("customers", "d1", "local", "{\"uri\": \"/x\"}", null, "{}"), [new("mlflow.data.context", "training")])]),
            new(new RunInfo("b2", "r", "3", "", "RUNNING", 1, null, "s3://bucket/b2", "deleted"), RunData.Empty, []),
        };
        var expected = JsonSerializer.Serialize(new MlflowSearchRunsResponse(runs.Select(MlflowRunJson.From).ToList(), "tok"), MlflowJson.Options);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            MlflowRunsJsonWriter.WriteSearchResponse(writer, runs, "tok");
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Contains("\"value\":\"NaN\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"-Infinity\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSearchResponse_NoRunsNoToken_EmptyRunsAndNoToken()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            MlflowRunsJsonWriter.WriteSearchResponse(writer, [], null);
        }

        Assert.Equal("{\"runs\":[]}", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
