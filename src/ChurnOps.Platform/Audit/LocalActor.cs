using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// This process's actor, from "<paramref name="place"/> HOST": the operating-system user (<see cref="Actor.Local"/>)
/// until the CLI has resolved who runs the command (CHURNOPS_TOKEN, or the user's team from `teams[].members`) and
/// calls <see cref="ActAs"/>, so audit entries name the same caller the permission check saw.
/// </summary>
public sealed class LocalActor(string place) : ICurrentActor
{
    private Actor _actor = Actor.Local(Environment.UserName);

    public Actor Actor => Volatile.Read(ref _actor);

    public string Origin { get; } = $"{place} {Environment.MachineName}";

    public void ActAs(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Volatile.Write(ref _actor, actor);
    }
}
