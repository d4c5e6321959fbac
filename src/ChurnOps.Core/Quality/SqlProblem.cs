namespace ChurnOps.Core.Quality;

/// <summary>Why a query may not run, with the 1-based line within the query it was found on (0 when it is the whole query).</summary>
public sealed record SqlProblem(int Line, string Message)
{
    public override string ToString() => Message;
}
