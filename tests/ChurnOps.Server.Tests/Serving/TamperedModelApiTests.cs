using System.Text.Json;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>A registered model whose bytes changed on disk after registration is not served: readiness says why.</summary>
public sealed class TamperedModelApiTests
{
    [Fact]
    public async Task Readiness_ModelFileTamperedAfterRegistration_Is503WithHashReasonAndInferRefused()
    {
        await using var server = await ScoringServer.StartAsync(async workspace =>
        {
            await ScoringServer.RegisterModelAsync(workspace);
            var file = Path.Combine(workspace.Layout.ArtifactsDir, "models", "churn", "1", "model.zip");
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            stream.Seek(-1, SeekOrigin.End);
            var last = stream.ReadByte();
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte((byte)(last ^ 0xFF));
        });

        var (ready, readyBody) = await server.GetAsync("/v2/health/ready");
        var (modelReady, modelBody) = await server.GetAsync("/v2/models/churn/ready");
        var (infer, inferText, _) = await server.PostAsync("/v2/models/churn/infer", """{"inputs":[{"name":"tenure_months","shape":[1],"datatype":"FP64","data":[3]}]}""");

        Assert.Equal(503, ready);
        Assert.Contains("does not match its registered SHA-256", readyBody, StringComparison.Ordinal);
        Assert.Equal(503, modelReady);
        Assert.Contains("does not match its registered SHA-256", JsonDocument.Parse(modelBody).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(200, infer);
        Assert.DoesNotContain("outputs", inferText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_UntouchedModelWithRecordedHash_Is200()
    {
        await using var server = await ScoringServer.StartWithModelAsync();

        var version = await server.Workspace.Registry.GetAsync("churn", 1, CancellationToken.None);
        var file = Path.Combine(server.Workspace.Layout.ArtifactsDir, "models", "churn", "1", "model.zip");
        var onDisk = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));

        Assert.Equal(onDisk, version!.ArtifactSha256);
        Assert.Equal(200, (await server.GetAsync("/v2/models/churn/ready")).Status);
    }
}
