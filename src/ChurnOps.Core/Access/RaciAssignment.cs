namespace ChurnOps.Core.Access;

/// <summary>
/// Who is Responsible, Accountable, Consulted and Informed for one activity; each entry is a team name or a team role
/// (data-engineering, data-science, ml-engineering, mlops, devops, software-engineering, product).
/// </summary>
public sealed record RaciAssignment(
    IReadOnlyList<string> Responsible,
    IReadOnlyList<string> Accountable,
    IReadOnlyList<string> Consulted,
    IReadOnlyList<string> Informed)
{
    /// <summary>Whoever does the work or answers for it may perform it; the consulted and informed may not.</summary>
    public IEnumerable<string> Performers => Responsible.Concat(Accountable);
}
