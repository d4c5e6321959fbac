namespace ChurnOps.Cli.Tests.Features;

/// <summary>Tests that swap Console.Out/Error must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliConsoleCollection
{
    public const string Name = "cli-console";
}
