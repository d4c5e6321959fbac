namespace ChurnOps.Cli.Tests;

/// <summary>The end-to-end classes share one quickstart project (run once per test run, not once per class).</summary>
[CollectionDefinition(Name)]
public sealed class QuickstartCollection : ICollectionFixture<QuickstartFixture>
{
    public const string Name = "quickstart";
}
