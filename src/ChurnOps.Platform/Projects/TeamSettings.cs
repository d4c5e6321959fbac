namespace ChurnOps.Platform.Projects;

public sealed class TeamSettings
{
    public string Name { get; set; } = string.Empty;

    /// <summary>data-engineering, data-science, ml-engineering, mlops, software-engineering.</summary>
    public string Role { get; set; } = string.Empty;

    public List<string> Members { get; set; } = [];

    /// <summary>Where alerts for this team (DataSLAViolation…) are POSTed as JSON; an absolute http or https URL.</summary>
    public string? Webhook { get; set; }

    /// <summary>Problems as "teams[i].key: message" lines, so a bad webhook stops the project at start, not at the first alert.</summary>
    public IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{path}.name: is required";
        }

        if (Webhook is not null && !IsHttpUrl(Webhook))
        {
            yield return $"{path}.webhook: '{Webhook}' is not an absolute http or https URL (e.g. https://hooks.example.com/churnops)";
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0;
}
