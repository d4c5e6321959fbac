namespace ChurnOps.Core.Deployments;

/// <summary>Deployments and their step history, persisted so a restarted server resumes where it stopped.</summary>
public interface IDeploymentStore
{
    /// <summary>Starts a deployment at its first step; null when the model already has an open one (at most one per model).</summary>
    Task<Deployment?> CreateAsync(NewDeployment deployment, CancellationToken cancellationToken);

    Task<Deployment?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The open (active or paused) deployments, one per model at most.</summary>
    Task<IReadOnlyList<Deployment>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Deployment>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>Applies the transition when the deployment is still where the caller saw it; null when it was not (someone else moved it).</summary>
    Task<Deployment?> TransitionAsync(long id, DeploymentTransition transition, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeploymentEvent>> ListEventsAsync(long id, CancellationToken cancellationToken);
}
