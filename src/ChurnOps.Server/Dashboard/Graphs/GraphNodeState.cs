namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>The states a box can be drawn in, mapped to the stylesheet's signal classes (never a colour in the markup).</summary>
internal static class GraphNodeState
{
    /// <summary>Recorded, nothing to judge (a lineage link, a step that has not run).</summary>
    public const string Neutral = "neutral";
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Failed = "failed";
    public const string Running = "running";

    /// <summary>Not recorded or not reached: drawn grey, said in words in the box.</summary>
    public const string Missing = "missing";

    public static string Class(string state) => state switch
    {
        Ok => "ok",
        Warning or Running => "warn",
        Failed => "bad",
        _ => "neutral",
    };
}
