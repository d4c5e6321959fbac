using System.CommandLine;

namespace ChurnOps.Cli.Commands;

internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one machine-readable JSON document instead of tables.",
        Recursive = true,
    };

    public static Option<string> ProjectDir() => new("--dir", "-C")
    {
        Description = "The project directory (default: the current directory).",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };
}
