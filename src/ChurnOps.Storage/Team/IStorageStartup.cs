namespace ChurnOps.Storage.Team;

/// <summary>
/// A backend that connects (and migrates) once before a container's stores are resolved. Opening a project runs every
/// registered one after the embedded stores; an error value (one line for the user) stops the open.
/// </summary>
public interface IStorageStartup
{
    Task<string?> OpenAsync(CancellationToken cancellationToken);
}
