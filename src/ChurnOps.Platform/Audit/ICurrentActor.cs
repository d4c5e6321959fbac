using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// Who this process acts as when no request says otherwise, and from where: the CLI's user ("cli HOST"), a server's
/// background work ("server HOST"). An authenticated CLI identity replaces the registration; an HTTP request's own actor
/// comes from its <see cref="AuditScope"/>.
/// </summary>
public interface ICurrentActor
{
    Actor Actor { get; }

    string Origin { get; }
}
