using System.Globalization;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>
/// The runs table's query string: filter (MLflow grammar), order (one MLflow order_by clause), page (from 1), size, and
/// for the default order the cursor <c>after=START_TIME.RUN_ID</c> of the previous page's last run, which lets the
/// store seek to the next page through its index instead of counting past every earlier run.
/// </summary>
internal sealed record RunTableRequest(string? Filter, string Order, int Page, int PageSize, RunCursor? After = null)
{
    public const string DefaultOrder = "attributes.start_time DESC";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxFilterLength = 4000;

    /// <summary>Reads and checks the query string; a bad value is a 400 naming the parameter.</summary>
    public static DashboardOutcome<RunTableRequest> From(IQueryCollection query)
    {
        string? filter = query["filter"];
        if (filter is { Length: > MaxFilterLength })
        {
            return DashboardProblem.BadRequest("Filter too long", $"The filter is {filter.Length:N0} characters long; at most {MaxFilterLength:N0} are accepted.");
        }

        var page = 1;
        if (query["page"] is { Count: > 0 } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > 1_000_000))
        {
            return DashboardProblem.BadRequest("Bad page number", $"'page' must be a whole number from 1; got '{DashboardErrors.Excerpt(pageText, 40)}'.");
        }

        var size = DefaultPageSize;
        if (query["size"] is { Count: > 0 } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            return DashboardProblem.BadRequest("Bad page size", $"'size' must be a whole number from 1 to {MaxPageSize}; got '{DashboardErrors.Excerpt(sizeText, 40)}'.");
        }

        if ((long)(page - 1) * size > int.MaxValue)
        {
            return DashboardProblem.BadRequest("Bad page number", "That page lies beyond any run.");
        }

        RunCursor? after = null;
        if (query["after"] is { Count: > 0 } afterText && !RunCursor.TryParse(afterText, out after))
        {
            return DashboardProblem.BadRequest("Bad page cursor", $"'after' must be START_TIME.RUN_ID as the Next link writes it; got '{DashboardErrors.Excerpt(afterText, 80)}'.");
        }

        var order = string.IsNullOrWhiteSpace(query["order"]) ? DefaultOrder : query["order"].ToString().Trim();
        return new RunTableRequest(string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(), order, page, size, order == DefaultOrder ? after : null);
    }
}
