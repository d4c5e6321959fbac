using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Audit;

/// <summary>The operating-system user of this process (<see cref="Actor.Local"/>), from "<paramref name="place"/> HOST".</summary>
public sealed class LocalActor(string place) : ICurrentActor
{
    public Actor Actor { get; } = Actor.Local(Environment.UserName);

    public string Origin { get; } = $"{place} {Environment.MachineName}";
}
