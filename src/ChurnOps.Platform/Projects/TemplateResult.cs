namespace ChurnOps.Platform.Projects;

public sealed record TemplateResult(string Root, IReadOnlyList<string> Written, IReadOnlyList<string> Kept, string? Error);
