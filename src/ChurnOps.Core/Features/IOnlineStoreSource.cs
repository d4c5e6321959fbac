namespace ChurnOps.Core.Features;

/// <summary>Opens the online store on first use, so commands that never look features up never open it.</summary>
public interface IOnlineStoreSource
{
    ValueTask<IOnlineStore> GetAsync(CancellationToken cancellationToken);
}
