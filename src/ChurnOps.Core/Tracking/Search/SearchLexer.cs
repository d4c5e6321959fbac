using System.Globalization;
using System.Text;

namespace ChurnOps.Core.Tracking.Search;

/// <summary>
/// Splits a filter into tokens. Anything outside the grammar (semicolons, comments, stray quotes) is an error here,
/// which is what keeps SQL out: the store only ever sees parsed clauses, bound as parameters.
/// </summary>
internal static class SearchLexer
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "AND", "OR", "LIKE", "ILIKE", "IN", "NOT", "IS", "NULL" };

    public static (List<SearchToken>? Tokens, string? Error) Tokenize(string text)
    {
        var tokens = new List<SearchToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new(SearchTokenKind.OpenParen, "(", start));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new(SearchTokenKind.CloseParen, ")", start));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new(SearchTokenKind.Comma, ",", start));
                    i++;
                    continue;
                case '=':
                    tokens.Add(new(SearchTokenKind.Operator, "=", start));
                    i++;
                    continue;
                case '!' when Peek(text, i + 1) == '=':
                    tokens.Add(new(SearchTokenKind.Operator, "!=", start));
                    i += 2;
                    continue;
                case '<' or '>':
                    var op = Peek(text, i + 1) == '=' ? c + "=" : c.ToString();
                    tokens.Add(new(SearchTokenKind.Operator, op, start));
                    i += op.Length;
                    continue;
                case '\'' or '"':
                    {
                        var (value, next, error) = ReadQuoted(text, i);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        tokens.Add(new(SearchTokenKind.String, value!, start));
                        i = next;
                        continue;
                    }

                case '`':
                    {
                        var (value, next, error) = ReadQuoted(text, i);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        i = next;
                        if (Peek(text, i) == '.')
                        {
                            // MLflow trims backticks from the entity type too: `metric`.a, `params`.model, `tags`.x.
                            var (prefixedKey, keyError) = ReadKey(text, ref i, value!, start);
                            if (keyError is not null)
                            {
                                return (null, keyError);
                            }

                            tokens.Add(new(SearchTokenKind.Identifier, prefixedKey!, start, value));
                            continue;
                        }

                        tokens.Add(new(SearchTokenKind.Identifier, value!, start));
                        continue;
                    }
            }

            if (char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && char.IsAsciiDigit(Peek(text, i + 1))))
            {
                var (number, next) = ReadNumber(text, i);
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return (null, $"Invalid number '{number}' at position {start}.");
                }

                tokens.Add(new(SearchTokenKind.Number, number, start));
                i = next;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var word = ReadWord(text, ref i);
                if (Peek(text, i) == '.')
                {
                    var (key, keyError) = ReadKey(text, ref i, word, start);
                    if (keyError is not null)
                    {
                        return (null, keyError);
                    }

                    tokens.Add(new(SearchTokenKind.Identifier, key!, start, word));
                    continue;
                }

                tokens.Add(Keywords.Contains(word)
                    ? new(SearchTokenKind.Keyword, word.ToUpperInvariant(), start)
                    : new(SearchTokenKind.Identifier, word, start));
                continue;
            }

            return (null, $"Invalid character '{c}' at position {start}.");
        }

        tokens.Add(new(SearchTokenKind.End, string.Empty, text.Length));
        return (tokens, null);
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static string ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return text[start..i];
    }

    private static (string Number, int Next) ReadNumber(string text, int i)
    {
        var start = i;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return (text[start..i], i);
    }

    /// <summary>Reads a quoted run; a doubled quote inside stands for one quote character.</summary>
    /// <summary>Reads the key after "prefix." (i at the dot): a quoted name, or letters, digits, '_' and '.'.</summary>
    private static (string? Key, string? Error) ReadKey(string text, ref int i, string prefix, int start)
    {
        i++;
        string key;
        if (Peek(text, i) is '"' or '`' or '\'')
        {
            var (value, next, error) = ReadQuoted(text, i);
            if (error is not null)
            {
                return (null, error);
            }

            key = value!;
            i = next;
        }
        else
        {
            var keyStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
            {
                i++;
            }

            key = text[keyStart..i];
        }

        return key.Length == 0 ? (null, $"Missing key after '{prefix}.' at position {start}.") : (key, null);
    }

    private static (string? Value, int Next, string? Error) ReadQuoted(string text, int i)
    {
        var quote = text[i];
        var builder = new StringBuilder();
        var j = i + 1;
        while (j < text.Length)
        {
            if (text[j] == quote)
            {
                if (Peek(text, j + 1) == quote)
                {
                    builder.Append(quote);
                    j += 2;
                    continue;
                }

                return (builder.ToString(), j + 1, null);
            }

            builder.Append(text[j]);
            j++;
        }

        return (null, i, $"Unterminated quoted value starting at position {i}.");
    }
}
