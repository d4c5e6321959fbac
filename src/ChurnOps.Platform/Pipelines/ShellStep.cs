using System.Diagnostics;
using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// A <c>shell:</c> step: <c>/bin/sh -c COMMAND</c> in the project directory, its output in the step's log. A line
/// <c>::output KEY=VALUE</c> on stdout becomes an output; a non-zero exit fails the step; cancellation (a timeout)
/// kills the whole process tree.
/// </summary>
internal static class ShellStep
{
    public const string OutputPrefix = "::output ";

    public static async Task<StepOutcome> RunAsync(string command, StepContext context, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = context.ProjectRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["CHURNOPS_PIPELINE"] = context.Run.Pipeline;
        start.Environment["CHURNOPS_RUN_ID"] = context.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CHURNOPS_STEP"] = context.Step.Name;
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? lastError = null;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            if (line.StartsWith(OutputPrefix, StringComparison.Ordinal) && line.IndexOf('=', OutputPrefix.Length) is var eq and > 0)
            {
                lock (outputs)
                {
                    outputs[line[OutputPrefix.Length..eq].Trim()] = line[(eq + 1)..];
                }
            }

            context.Log(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lastError = line;
                context.Log(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var detail = lastError is null ? string.Empty : ": " + (lastError.Length > 200 ? lastError[..200] + "…" : lastError);
            return StepOutcome.Failure($"the command exited with code {process.ExitCode}{detail}");
        }

        lock (outputs)
        {
            return StepOutcome.Success(new Dictionary<string, string>(outputs));
        }
    }
}
