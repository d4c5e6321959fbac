namespace ChurnOps.Core.Warehouse;

/// <summary>
/// Runs SQL that comes from outside the code (a contract's sql quality rule) where it cannot change anything: the
/// query is checked and run in a transaction that is always rolled back. Errors are values, never exceptions.
/// </summary>
public interface IReadOnlyQueries
{
    /// <summary>Runs one read-only SELECT that must return exactly one row with one numeric (or boolean) value.</summary>
    Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken);
}
