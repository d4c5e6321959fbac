namespace ChurnOps.Training.Evaluation;

/// <summary>One equal-width bin of predicted probability: how many rows fell in it, their mean prediction and the observed positive rate.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);
