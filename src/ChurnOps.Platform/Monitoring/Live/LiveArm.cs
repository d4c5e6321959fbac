using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// The predictions one model version (one deployment arm) made in a window: their inputs as columns shaped like the
/// version's reference, their scores and decisions.
/// </summary>
public sealed record LiveArm(int ModelVersion, TabularData Inputs, double[] Probabilities, bool[] Labels)
{
    public int Rows => Probabilities.Length;
}
