namespace ChurnOps.Dashboard.Tests;

/// <summary>Every dashboard test shares one quickstart project, one server and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
