using System.Globalization;
using System.Text;

namespace ChurnOps.Core.Registry;

/// <summary>
/// The subset of MLflow's registry search grammar ChurnOps answers: clauses joined by AND, each
/// <c>name = 'x'</c>, <c>name LIKE 'ch%'</c>, <c>name ILIKE</c>, <c>tags.`k` = 'v'</c>, <c>run_id = / IN (...)</c>,
/// <c>source_path = / LIKE</c>, <c>version_number = / &lt; / &gt;=</c>. Anything else is refused with the reason.
/// </summary>
public static class RegistryFilter
{
    private static readonly string[] Comparisons = ["!=", "<=", ">=", "=", "<", ">"];

    /// <summary>Parses <paramref name="filter"/>; <paramref name="versions"/> admits the model-version fields.</summary>
    public static (IReadOnlyList<RegistryFilterClause>? Clauses, string? Error) Parse(string? filter, bool versions)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ([], null);
        }

        var clauses = new List<RegistryFilterClause>();
        foreach (var part in SplitOnAnd(filter))
        {
            var (clause, error) = ParseClause(part.Trim(), versions);
            if (clause is null)
            {
                return (null, $"Invalid filter '{Shorten(filter)}': {error}");
            }

            clauses.Add(clause);
        }

        return (clauses, null);
    }

    /// <summary>order_by terms such as "name ASC" or "last_updated_timestamp DESC".</summary>
    public static (IReadOnlyList<RegistryOrder>? Order, string? Error) ParseOrder(IReadOnlyList<string> terms, bool versions)
    {
        var order = new List<RegistryOrder>();
        foreach (var term in terms)
        {
            var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length is 0 or > 2)
            {
                return (null, $"Invalid order_by clause '{Shorten(term)}'.");
            }

            var field = words[0].Trim('`').ToLowerInvariant() switch
            {
                "name" => "name",
                "timestamp" or "last_updated_timestamp" => "last_updated_timestamp",
                "creation_timestamp" => "creation_timestamp",
                "version_number" when versions => "version_number",
                _ => null,
            };
            if (field is null)
            {
                return (null, $"Invalid order_by clause '{Shorten(term)}': can order by name, creation_timestamp, last_updated_timestamp{(versions ? ", version_number" : string.Empty)}.");
            }

            var descending = words.Length == 2 && words[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            if (words.Length == 2 && !descending && !words[1].Equals("ASC", StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"Invalid order_by clause '{Shorten(term)}': the direction must be ASC or DESC.");
            }

            order.Add(new RegistryOrder(field, descending));
        }

        return (order, null);
    }

    private static (RegistryFilterClause? Clause, string? Error) ParseClause(string text, bool versions)
    {
        var position = 0;
        var identifier = ReadIdentifier(text, ref position);
        if (identifier is null)
        {
            return (null, $"expected a field at '{Shorten(text)}'");
        }

        string field;
        string? tagKey = null;
        var lower = identifier.ToLowerInvariant();
        if (lower.StartsWith("tags.", StringComparison.Ordinal) || lower.StartsWith("tag.", StringComparison.Ordinal))
        {
            field = "tag";
            tagKey = Unquote(identifier[(identifier.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        }
        else
        {
            field = Unquote(lower) switch
            {
                "name" => "name",
                "run_id" when versions => "run_id",
                "source_path" when versions => "source_path",
                "version_number" when versions => "version_number",
                _ => string.Empty,
            };
            if (field.Length == 0)
            {
                return (null, $"unknown field '{identifier}' (searchable: name, tags.<key>{(versions ? ", run_id, source_path, version_number" : string.Empty)})");
            }
        }

        SkipSpaces(text, ref position);
        var op = ReadOperator(text, ref position);
        if (op is null)
        {
            return (null, $"expected =, !=, LIKE, ILIKE or IN after '{identifier}'");
        }

        var allowed = field switch
        {
            "version_number" => new[] { "=", "!=", "<", "<=", ">", ">=" },
            "run_id" => ["=", "!=", "IN"],
            _ => ["=", "!=", "LIKE", "ILIKE"],
        };
        if (!allowed.Contains(op, StringComparer.Ordinal))
        {
            return (null, $"operator {op} is not supported for {identifier} (supported: {string.Join(", ", allowed)})");
        }

        SkipSpaces(text, ref position);
        var values = new List<string>();
        if (op == "IN")
        {
            if (position >= text.Length || text[position] != '(')
            {
                return (null, "IN needs a parenthesised list of quoted values");
            }

            position++;
            while (true)
            {
                SkipSpaces(text, ref position);
                var item = ReadString(text, ref position);
                if (item is null)
                {
                    return (null, "IN needs a parenthesised list of quoted values");
                }

                values.Add(item);
                SkipSpaces(text, ref position);
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (position < text.Length && text[position] == ')')
                {
                    position++;
                    break;
                }

                return (null, "IN list is not closed with ')'");
            }
        }
        else if (field == "version_number")
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var digits = text[start..position];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return (null, "version_number must be compared with a whole number");
            }

            values.Add(digits);
        }
        else
        {
            var value = ReadString(text, ref position);
            if (value is null)
            {
                return (null, $"the value for {identifier} must be a quoted string");
            }

            values.Add(value);
        }

        SkipSpaces(text, ref position);
        return position == text.Length
            ? (new RegistryFilterClause(field, tagKey, op, values), null)
            : (null, $"unexpected text '{Shorten(text[position..])}'");
    }

    private static string? ReadIdentifier(string text, ref int position)
    {
        var start = position;
        while (position < text.Length)
        {
            var c = text[position];
            if (c is '`' or '"')
            {
                var close = text.IndexOf(c, position + 1);
                if (close < 0)
                {
                    return null;
                }

                position = close + 1;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            {
                position++;
            }
            else
            {
                break;
            }
        }

        return position > start ? text[start..position] : null;
    }

    private static string? ReadOperator(string text, ref int position)
    {
        foreach (var word in new[] { "ILIKE", "LIKE", "IN" })
        {
            if (string.Compare(text, position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (position + word.Length == text.Length || !char.IsAsciiLetter(text[position + word.Length])))
            {
                position += word.Length;
                return word;
            }
        }

        foreach (var symbol in Comparisons)
        {
            if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
            {
                position += symbol.Length;
                return symbol;
            }
        }

        return null;
    }

    private static string? ReadString(string text, ref int position)
    {
        if (position >= text.Length || text[position] is not ('\'' or '"'))
        {
            return null;
        }

        var quote = text[position];
        var value = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            if (text[position] == quote)
            {
                // SQL's doubled quote stands for one quote character inside the value.
                if (position + 1 < text.Length && text[position + 1] == quote)
                {
                    value.Append(quote);
                    position += 2;
                    continue;
                }

                position++;
                return value.ToString();
            }

            value.Append(text[position]);
            position++;
        }

        return null;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == text[^1] && text[0] is '`' or '"' ? text[1..^1] : text;

    /// <summary>Splits on AND outside quotes; MLflow's grammar has no OR.</summary>
    private static List<string> SplitOnAnd(string filter)
    {
        var parts = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (i + 5 <= filter.Length && char.IsWhiteSpace(c) && string.Compare(filter, i + 1, "AND", 0, 3, StringComparison.OrdinalIgnoreCase) == 0 && char.IsWhiteSpace(filter[i + 4]))
            {
                parts.Add(filter[start..i]);
                start = i + 5;
                i += 4;
            }
        }

        parts.Add(filter[start..]);
        return parts;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
