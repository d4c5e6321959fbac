using System.Runtime.InteropServices;

namespace ChurnOps.Training.Scoring;

/// <summary>
/// One node of a compiled tree, 16 bytes so a step reads one cache line: the split (feature, threshold) and both
/// children side by side (Left then Right, so the child is picked by offset 0 or 1). A leaf points to itself.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TreeNode
{
    public int Feature;
    public float Threshold;
    public int Left;
    public int Right;
}
