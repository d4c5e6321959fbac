namespace ChurnOps.Platform.Pipelines;

/// <summary>One problem in a pipeline file, where it is: printed as <c>pipelines/training.yaml:12: message</c>.</summary>
public sealed record PipelineIssue(string File, int Line, string Message, bool IsError)
{
    public override string ToString() => $"{File}:{Line}: {(IsError ? string.Empty : "warning: ")}{Message}";
}
