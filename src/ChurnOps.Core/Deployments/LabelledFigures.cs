namespace ChurnOps.Core.Deployments;

/// <summary>The candidate's quality on predictions whose labels have arrived.</summary>
public sealed record LabelledFigures(long Labelled, double Precision, double Recall);
