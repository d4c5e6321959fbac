namespace ChurnOps.Server.Tests.Serving;

/// <summary>One server with the model registered, shared by the tests of a class.</summary>
public sealed class ModelServerFixture : IAsyncLifetime
{
    public ScoringServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ScoringServer.StartWithModelAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
