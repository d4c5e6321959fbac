using System.Globalization;

namespace ChurnOps.Core.Tracking.Search;

/// <summary>
/// Parses MLflow's search grammar: clauses joined by AND, each "entity.key comparator value", plus order_by terms.
/// The result is a list of typed clauses; nothing of the input text is ever spliced into SQL.
/// </summary>
public static class SearchFilterParser
{
    private const int MaxEchoedFilterLength = 200;

    public static (IReadOnlyList<SearchClause>? Clauses, string? Error) ParseFilter(string? filter, SearchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ([], null);
        }

        var (tokens, lexError) = SearchLexer.Tokenize(filter);
        if (tokens is null)
        {
            return (null, Invalid(filter, lexError!));
        }

        var clauses = new List<SearchClause>();
        var listValues = 0;
        var i = 0;
        while (true)
        {
            var (clause, error) = ParseClause(tokens, ref i, schema);
            if (clause is null)
            {
                return (null, Invalid(filter, error!));
            }

            clauses.Add(clause);
            listValues += clause.List?.Count ?? 0;
            if (clauses.Count > TrackingLimits.MaxFilterClauses)
            {
                return (null, Invalid(filter, $"A filter may have at most {TrackingLimits.MaxFilterClauses} clauses joined by AND."));
            }

            if (listValues > TrackingLimits.MaxFilterListValues)
            {
                return (null, Invalid(filter, $"The IN lists of a filter may hold at most {TrackingLimits.MaxFilterListValues} values in all."));
            }

            var next = tokens[i];
            if (next.Kind == SearchTokenKind.End)
            {
                return (clauses, null);
            }

            if (next is { Kind: SearchTokenKind.Keyword, Text: "AND" })
            {
                i++;
                continue;
            }

            var hint = next is { Kind: SearchTokenKind.Keyword, Text: "OR" } ? " Only AND is supported." : string.Empty;
            return (null, Invalid(filter, $"Unexpected '{next.Text}' at position {next.Position}; expected AND or the end.{hint}"));
        }
    }

    /// <summary>Parses order_by terms such as "metrics.auc DESC" or "attributes.start_time".</summary>
    public static (IReadOnlyList<SearchOrder>? Orders, string? Error) ParseOrderBy(IReadOnlyList<string>? orderBy, SearchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var orders = new List<SearchOrder>();
        if (orderBy is { Count: > TrackingLimits.MaxOrderByTerms })
        {
            return (null, $"Invalid order_by: at most {TrackingLimits.MaxOrderByTerms} terms are supported, got {orderBy.Count}.");
        }

        foreach (var term in orderBy ?? [])
        {
            var (tokens, lexError) = SearchLexer.Tokenize(term ?? string.Empty);
            if (tokens is null)
            {
                return (null, $"Invalid order_by clause '{term}'. {lexError}");
            }

            var i = 0;
            var (entity, key, error) = ParseIdentifier(tokens, ref i, schema);
            if (error is not null)
            {
                return (null, $"Invalid order_by clause '{term}'. {error}");
            }

            if (entity == SearchEntity.Dataset)
            {
                return (null, $"Invalid order_by clause '{term}'. Ordering by datasets is not supported.");
            }

            var ascending = true;
            var direction = tokens[i];
            if (direction.Kind == SearchTokenKind.Identifier && direction.Prefix is null
                && (direction.Text.Equals("ASC", StringComparison.OrdinalIgnoreCase) || direction.Text.Equals("DESC", StringComparison.OrdinalIgnoreCase)))
            {
                ascending = direction.Text.Equals("ASC", StringComparison.OrdinalIgnoreCase);
                i++;
            }

            if (tokens[i].Kind != SearchTokenKind.End)
            {
                return (null, $"Invalid order_by clause '{term}'. Expected 'ASC' or 'DESC' after the key.");
            }

            orders.Add(new SearchOrder(entity, key!, ascending));
        }

        return (orders, null);
    }

    /// <summary>Quotes the filter in the message, cut to its start so a huge filter is not echoed back whole.</summary>
    private static string Invalid(string filter, string reason) =>
        $"Invalid filter '{(filter.Length <= MaxEchoedFilterLength ? filter : filter[..MaxEchoedFilterLength] + "…")}'. {reason}";

    private static (SearchClause? Clause, string? Error) ParseClause(List<SearchToken> tokens, ref int i, SearchSchema schema)
    {
        var (entity, key, error) = ParseIdentifier(tokens, ref i, schema);
        if (error is not null)
        {
            return (null, error);
        }

        var (comparator, comparatorError) = ParseComparator(tokens, ref i);
        if (comparatorError is not null)
        {
            return (null, comparatorError);
        }

        var kind = entity switch
        {
            SearchEntity.Metric => AttributeKind.Number,
            SearchEntity.Attribute => schema.Attributes[key!].Kind,
            _ => AttributeKind.Text,
        };
        if (!Allowed(entity, kind, comparator))
        {
            return (null, $"Comparator '{Describe(comparator)}' is not supported for {Describe(entity, kind)} '{key}'.");
        }

        if (comparator is SearchComparator.IsNull or SearchComparator.IsNotNull)
        {
            return (new SearchClause(entity, key!, comparator, null, null, null), null);
        }

        if (comparator is SearchComparator.In or SearchComparator.NotIn)
        {
            var (list, listError) = ParseList(tokens, ref i);
            return list is null ? (null, listError) : (new SearchClause(entity, key!, comparator, null, null, list), null);
        }

        var value = tokens[i];
        if (kind == AttributeKind.Number)
        {
            if (value.Kind != SearchTokenKind.Number)
            {
                return (null, $"Expected a numeric value for {Describe(entity, kind)} '{key}' at position {value.Position}, found '{value.Text}'.");
            }

            i++;
            return (new SearchClause(entity, key!, comparator, double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture), null, null), null);
        }

        if (value.Kind != SearchTokenKind.String)
        {
            return (null, $"Expected a quoted string value for {Describe(entity, kind)} '{key}' at position {value.Position}, found '{value.Text}'.");
        }

        i++;
        return (new SearchClause(entity, key!, comparator, null, value.Text, null), null);
    }

    private static (SearchEntity Entity, string? Key, string? Error) ParseIdentifier(List<SearchToken> tokens, ref int i, SearchSchema schema)
    {
        var token = tokens[i];
        if (token.Kind != SearchTokenKind.Identifier)
        {
            return (default, null, $"Expected an identifier such as metrics.auc or params.model at position {token.Position}, found '{token.Text}'.");
        }

        i++;
        SearchEntity entity;
        if (token.Prefix is null)
        {
            // MLflow treats an unprefixed key as an attribute (e.g. "status = 'FINISHED'").
            entity = SearchEntity.Attribute;
        }
        else
        {
            var resolved = ResolvePrefix(token.Prefix);
            if (resolved is null)
            {
                return (default, null, $"Invalid entity type '{token.Prefix}'. Valid values are metrics, params, tags, attributes and datasets.");
            }

            entity = resolved.Value;
        }

        if (!schema.Entities.Contains(entity))
        {
            return (default, null, $"Searching {schema.Subject} by {entity.ToString().ToLowerInvariant()}s is not supported.");
        }

        if (entity == SearchEntity.Attribute)
        {
            if (!schema.Attributes.TryGetValue(token.Text, out var attribute))
            {
                // The aliases (Created, "run name") stay accepted but unadvertised, as in MLflow's messages.
                var keys = schema.Attributes.Where(a => a.Key == a.Value.Column).Select(a => a.Key);
                return (default, null, $"Invalid attribute key '{token.Text}'. Valid keys are {string.Join(", ", keys)}.");
            }

            return (entity, attribute.Column, null);
        }

        if (entity == SearchEntity.Dataset && !SearchSchema.DatasetKeys.Contains(token.Text))
        {
            return (default, null, $"Invalid dataset key '{token.Text}'. Valid keys are {string.Join(", ", SearchSchema.DatasetKeys)}.");
        }

        return (entity, token.Text, null);
    }

    private static SearchEntity? ResolvePrefix(string prefix) => prefix.ToLowerInvariant() switch
    {
        "metric" or "metrics" => SearchEntity.Metric,
        "param" or "params" or "parameter" or "parameters" => SearchEntity.Param,
        "tag" or "tags" => SearchEntity.Tag,
        "attribute" or "attributes" or "attr" or "run" => SearchEntity.Attribute,
        "dataset" or "datasets" => SearchEntity.Dataset,
        _ => null,
    };

    private static (SearchComparator Comparator, string? Error) ParseComparator(List<SearchToken> tokens, ref int i)
    {
        var token = tokens[i];
        if (token.Kind == SearchTokenKind.Operator)
        {
            i++;
            return (token.Text switch
            {
                "=" => SearchComparator.Equal,
                "!=" => SearchComparator.NotEqual,
                "<" => SearchComparator.Less,
                "<=" => SearchComparator.LessOrEqual,
                ">" => SearchComparator.Greater,
                _ => SearchComparator.GreaterOrEqual,
            }, null);
        }

        if (token.Kind == SearchTokenKind.Keyword)
        {
            switch (token.Text)
            {
                case "LIKE":
                    i++;
                    return (SearchComparator.Like, null);
                case "ILIKE":
                    i++;
                    return (SearchComparator.ILike, null);
                case "IN":
                    i++;
                    return (SearchComparator.In, null);
                case "NOT" when tokens[i + 1] is { Kind: SearchTokenKind.Keyword, Text: "IN" }:
                    i += 2;
                    return (SearchComparator.NotIn, null);
                case "IS" when tokens[i + 1] is { Kind: SearchTokenKind.Keyword, Text: "NULL" }:
                    i += 2;
                    return (SearchComparator.IsNull, null);
                case "IS" when tokens[i + 1] is { Kind: SearchTokenKind.Keyword, Text: "NOT" } && tokens[i + 2] is { Kind: SearchTokenKind.Keyword, Text: "NULL" }:
                    i += 3;
                    return (SearchComparator.IsNotNull, null);
            }
        }

        return (default, $"Expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL) at position {token.Position}, found '{token.Text}'.");
    }

    private static (IReadOnlyList<string>? List, string? Error) ParseList(List<SearchToken> tokens, ref int i)
    {
        if (tokens[i].Kind != SearchTokenKind.OpenParen)
        {
            return (null, $"Expected '(' after IN at position {tokens[i].Position}.");
        }

        i++;
        var values = new List<string>();
        while (true)
        {
            var value = tokens[i];
            if (value.Kind != SearchTokenKind.String)
            {
                return (null, $"Expected a quoted string in the IN list at position {value.Position}, found '{value.Text}'.");
            }

            values.Add(value.Text);
            i++;
            var separator = tokens[i];
            i++;
            if (separator.Kind == SearchTokenKind.CloseParen)
            {
                return (values, null);
            }

            if (separator.Kind != SearchTokenKind.Comma)
            {
                return (null, $"Expected ',' or ')' in the IN list at position {separator.Position}, found '{separator.Text}'.");
            }
        }
    }

    private static bool Allowed(SearchEntity entity, AttributeKind kind, SearchComparator comparator) => (entity, kind) switch
    {
        (SearchEntity.Metric, _) => comparator is <= SearchComparator.GreaterOrEqual,
        // MLflow's VALID_DATASET_COMPARATORS: the string comparators plus IN lists, on name, digest and context alike.
        (SearchEntity.Dataset, _) => comparator is SearchComparator.Equal or SearchComparator.NotEqual or SearchComparator.Like or SearchComparator.ILike
            or SearchComparator.In or SearchComparator.NotIn,
        (SearchEntity.Param or SearchEntity.Tag, _) => comparator is SearchComparator.Equal or SearchComparator.NotEqual or SearchComparator.Like or SearchComparator.ILike
            or SearchComparator.IsNull or SearchComparator.IsNotNull,
        (_, AttributeKind.Number) => comparator is <= SearchComparator.GreaterOrEqual,
        _ => comparator is SearchComparator.Equal or SearchComparator.NotEqual or SearchComparator.Like or SearchComparator.ILike
            or SearchComparator.In or SearchComparator.NotIn,
    };

    private static string Describe(SearchEntity entity, AttributeKind kind) => entity switch
    {
        SearchEntity.Metric => "metric",
        SearchEntity.Param => "parameter",
        SearchEntity.Tag => "tag",
        SearchEntity.Dataset => "dataset attribute",
        _ => kind == AttributeKind.Number ? "numeric attribute" : "string attribute",
    };

    private static string Describe(SearchComparator comparator) => comparator switch
    {
        SearchComparator.Equal => "=",
        SearchComparator.NotEqual => "!=",
        SearchComparator.Less => "<",
        SearchComparator.LessOrEqual => "<=",
        SearchComparator.Greater => ">",
        SearchComparator.GreaterOrEqual => ">=",
        SearchComparator.Like => "LIKE",
        SearchComparator.ILike => "ILIKE",
        SearchComparator.In => "IN",
        SearchComparator.NotIn => "NOT IN",
        SearchComparator.IsNull => "IS NULL",
        _ => "IS NOT NULL",
    };
}
