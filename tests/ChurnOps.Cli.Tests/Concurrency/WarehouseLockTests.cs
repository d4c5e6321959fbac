using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChurnOps.Cli.Tests.Concurrency;

/// <summary>
/// Two churnops processes on one project: the one that cannot have the warehouse gets one line naming the holder and
/// exit 75, never a stack trace; read-only commands run beside a writer; nothing is lost. Real processes.
/// </summary>
public sealed class WarehouseLockTests : TemplateProjectTests
{
    [Fact]
    public async Task Ingest_WhileServeRuns_OneLineNamingServeExit75_ReadOnlyCommandsWork_DataIntact()
    {
        var first = await WriteLabelsAsync("first.csv", 10);
        var loaded = await CliProcess.RunAsync(Project.Root, "ingest", "labels", first, "--dir", Project.Root);
        Assert.Equal(0, loaded.ExitCode);

        var serve = await CliProcess.StartAsync(Project.Root, "ChurnOps serving", "serve", "--dir", Project.Root, "--port", "0");
        try
        {
            var second = await WriteLabelsAsync("second.csv", 20);
            var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "ingest", "labels", second, "--dir", Project.Root);

            Assert.Equal(75, code);
            var line = Assert.Single(stderr.TrimEnd().Split('\n'));
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains($"in use by 'churnops serve' (pid {serve.Id.ToString(CultureInfo.InvariantCulture)}, since ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);

            foreach (var readOnly in new[] { new[] { "runs", "list" }, ["datasets", "list"], ["datasets", "show", "labels"], ["alerts", "list"], ["features", "show"], ["contract", "list"], ["runs", "reap"] })
            {
                var result = await CliProcess.RunAsync(Project.Root, [.. readOnly, "--dir", Project.Root]);
                Assert.True(result.ExitCode == 0, $"{string.Join(' ', readOnly)}: exit {result.ExitCode}: {result.Stderr}");
            }

            var listed = await CliProcess.RunAsync(Project.Root, "datasets", "list", "--dir", Project.Root);
            Assert.Contains("labels", listed.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(serve);
        }

        var retried = await CliProcess.RunAsync(Project.Root, "ingest", "labels", await WriteLabelsAsync("second.csv", 20), "--dir", Project.Root);
        Assert.True(retried.ExitCode == 0, retried.Stderr);
        var versions = await CliProcess.RunAsync(Project.Root, "datasets", "list", "labels", "--dir", Project.Root);
        Assert.Equal(3, versions.Stdout.TrimEnd().Split('\n').Length); // header + both loads
        Assert.False(File.Exists(Path.Combine(Project.Root, ".churnops", "warehouse.owner")));
    }

    [Fact]
    public async Task Ingest_WhileAnotherIngestHoldsTheLock_LoserOneLineExit75_WinnerLoadsEverything()
    {
        const int rows = 400_000;
        var big = await WriteLabelsAsync("big.csv", rows);
        var small = await WriteLabelsAsync("small.csv", 5);
        var owner = Path.Combine(Project.Root, ".churnops", "warehouse.owner");

        var winner = CliProcess.Start(Project.Root, "ingest", "labels", big, "--dir", Project.Root);
        var winnerOut = winner.StandardOutput.ReadToEndAsync();
        var winnerErr = winner.StandardError.ReadToEndAsync();
        var (code, stdout, stderr) = (0, string.Empty, string.Empty);
        try
        {
            // The winner records itself as the holder once it has the lock; the loser starts only then.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(File.Exists(owner) && SafeRead(owner).Contains("churnops ingest", StringComparison.Ordinal)) && !winner.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(winner.HasExited, "the first ingest ended before the second could start: " + await winnerErr);
            (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "ingest", "labels", small, "--dir", Project.Root);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await winner.WaitForExitAsync(timeout.Token);
        }

        Assert.True(winner.ExitCode == 0, await winnerErr);
        Assert.Contains($"{rows:N0} rows read", await winnerOut, StringComparison.Ordinal);
        if (code == 0)
        {
            // The winner finished between our check and the loser's open: nothing to assert about the conflict.
            return;
        }

        Assert.Equal(75, code);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"in use by 'churnops ingest' (pid {winner.Id.ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        var versions = await CliProcess.RunAsync(Project.Root, "datasets", "show", "labels", "--dir", Project.Root);
        Assert.Contains($"{rows:N0} read = {rows:N0} accepted", versions.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> WriteLabelsAsync(string name, int rows)
    {
        var builder = new StringBuilder("customer_id,event_timestamp,churned\n");
        for (var i = 0; i < rows; i++)
        {
            builder.Append('C').Append(i.ToString("D7", CultureInfo.InvariantCulture)).Append(",2024-06-01 00:00:00,").Append(i % 2).Append('\n');
        }

        var path = Path.Combine(Project.Root, name);
        await File.WriteAllTextAsync(path, builder.ToString());
        return path;
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static async Task StopAsync(Process serve)
    {
        using (serve)
        {
            // SIGTERM: the host shuts down and the command lets go of the warehouse and its owner file.
            Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await serve.WaitForExitAsync(timeout.Token);
        }
    }
}
