namespace ChurnOps.Cli.Tests;

/// <summary>Tests that swap Console.Out/Error share this one collection, which never runs beside another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
