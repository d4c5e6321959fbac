namespace ChurnOps.Platform.Projects;

public sealed class TeamSettings
{
    public string Name { get; set; } = string.Empty;

    /// <summary>data-engineering, data-science, ml-engineering, mlops, software-engineering.</summary>
    public string Role { get; set; } = string.Empty;

    public List<string> Members { get; set; } = [];

    public string? Webhook { get; set; }
}
