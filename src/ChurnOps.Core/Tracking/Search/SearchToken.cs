namespace ChurnOps.Core.Tracking.Search;

internal enum SearchTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    Keyword,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>A lexed piece of a filter. Identifiers keep their entity prefix and key apart so quoting survives.</summary>
internal sealed record SearchToken(SearchTokenKind Kind, string Text, int Position, string? Prefix = null);
