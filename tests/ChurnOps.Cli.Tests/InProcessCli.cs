using ChurnOps.Cli.Commands;

namespace ChurnOps.Cli.Tests;

/// <summary>
/// Runs a churnops command in this process with stdout and stderr captured. Console is process-wide, so callers belong to
/// the console collection.
/// </summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CommandCatalog.Build().Parse(args).InvokeAsync();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
