namespace ChurnOps.Training.Candidates;

/// <summary>One hyper-parameter setting scored by k-fold cross-validation on the train split.</summary>
public sealed record SearchTrial(int Index, IReadOnlyDictionary<string, string> Params, double CvAucMean, double CvAucStd);
