namespace ChurnOps.Server.Access;

/// <summary>Stops the server from starting when access.jwt's keys cannot be read: the start-up error names each file.</summary>
internal sealed class AccessStartupCheck(JwtSetup jwt) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        jwt.Errors.Count == 0 ? Task.CompletedTask : throw new InvalidOperationException(string.Join("; ", jwt.Errors));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
