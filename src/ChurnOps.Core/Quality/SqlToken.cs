namespace ChurnOps.Core.Quality;

/// <summary>One SQL token with its 1-based line and column in the query text (for lint messages).</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Line, int Column)
{
    /// <summary>True for an unquoted word equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;
}
