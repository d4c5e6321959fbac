namespace ChurnOps.Training.Scoring;

/// <summary>One scored row, or the reason it could not be scored (every bad column named).</summary>
public sealed record ScoreResult(bool Succeeded, string? Error, float Probability, bool Label)
{
    internal static ScoreResult Failed(string error) => new(false, error, 0, false);
}
