namespace ChurnOps.Training.Evaluation;

/// <summary>How much validation AUC drops when one input column is shuffled (mean and spread over repeats).</summary>
public sealed record FeatureImportance(string Column, double AucDrop, double AucDropStd);
