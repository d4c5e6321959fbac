namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>The states a box can be drawn in; each is a CSS class (graph-node-ok…), never a colour in the markup.</summary>
internal static class GraphNodeState
{
    public const string Neutral = "neutral";
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Failed = "failed";
    public const string Running = "running";
    public const string Missing = "missing";

    public static string Class(string state) => state switch
    {
        Ok or Warning or Failed or Running or Missing => "graph-node graph-node-" + state,
        _ => "graph-node graph-node-neutral",
    };
}
