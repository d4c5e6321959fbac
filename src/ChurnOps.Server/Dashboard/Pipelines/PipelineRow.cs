using ChurnOps.Core.Pipelines;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>One pipeline in the list: its owner, when it runs, how many steps, whether it is paused, and its newest run.</summary>
internal sealed record PipelineRow(string Name, string Owner, string? Schedule, IReadOnlyList<string> Triggers, int Steps, bool Paused, string File, PipelineRun? LastRun);
