namespace ChurnOps.Core.Quality;

/// <summary>The lexical classes <see cref="SqlTokenizer"/> tells apart; comments are dropped.</summary>
public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
    Semicolon,
}
