namespace ChurnOps.Server.Dashboard.Graphs;

/// <summary>
/// Lays a small directed graph out left to right in layers (Sugiyama style): each box goes one layer after the latest of
/// its inputs (a pure source sits just before its first consumer), an arrow that skips layers reserves a lane in each
/// layer it crosses so it never runs through a box, and a few barycentre sweeps order each layer to cut crossings.
/// Boxes in a cycle (which a valid DAG never has) are put in one last layer rather than refused.
/// </summary>
internal static class LayeredLayout
{
    public const double NodeWidth = 184;
    public const double NodeHeight = 48;
    public const double LayerGap = 56;
    public const double RowGap = 16;
    public const double LaneHeight = 10;
    public const double Margin = 8;
    private const int Sweeps = 4;

    public static GraphLayout Arrange(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var unique = new List<GraphNode>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (index.TryAdd(node.Id, unique.Count))
            {
                unique.Add(node);
            }
        }

        var links = edges.Where(e => e.From != e.To && index.ContainsKey(e.From) && index.ContainsKey(e.To)).Distinct().ToList();
        if (unique.Count == 0)
        {
            return new GraphLayout([], [], 2 * Margin, 2 * Margin);
        }

        var layer = AssignLayers(unique.Count, links.Select(e => (index[e.From], index[e.To])).ToList());
        var layers = layer.Max() + 1;

        // Slots per layer: the boxes, then one lane per arrow crossing the layer.
        var slots = Enumerable.Range(0, layers).Select(_ => new List<Slot>()).ToArray();
        for (var i = 0; i < unique.Count; i++)
        {
            slots[layer[i]].Add(new Slot(i, -1));
        }

        var chains = new List<List<Slot>>();
        for (var e = 0; e < links.Count; e++)
        {
            var (from, to) = (index[links[e].From], index[links[e].To]);
            var chain = new List<Slot> { slots[layer[from]].First(s => s.Node == from) };
            for (var l = layer[from] + 1; l < layer[to]; l++)
            {
                var lane = new Slot(-1, e);
                slots[l].Add(lane);
                chain.Add(lane);
            }

            chain.Add(slots[layer[to]].First(s => s.Node == to));
            chains.Add(chain);
        }

        Order(slots, chains);
        return Place(unique, layer, slots, chains, links, layers);
    }

    /// <summary>Longest path from the sources (Kahn's order), then each pure source moved next to its nearest consumer.</summary>
    private static int[] AssignLayers(int count, List<(int From, int To)> links)
    {
        var layer = new int[count];
        var indegree = new int[count];
        foreach (var (_, to) in links)
        {
            indegree[to]++;
        }

        var queue = new Queue<int>(Enumerable.Range(0, count).Where(i => indegree[i] == 0));
        var done = new bool[count];
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            done[current] = true;
            foreach (var (from, to) in links)
            {
                if (from == current)
                {
                    layer[to] = Math.Max(layer[to], layer[current] + 1);
                    if (--indegree[to] == 0)
                    {
                        queue.Enqueue(to);
                    }
                }
            }
        }

        var last = Enumerable.Range(0, count).Where(i => done[i]).Select(i => layer[i]).DefaultIfEmpty(-1).Max() + 1;
        for (var i = 0; i < count; i++)
        {
            if (!done[i])
            {
                layer[i] = last;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (done[i] && links.All(l => l.To != i) && links.Where(l => l.From == i && done[l.To]).Select(l => layer[l.To]).DefaultIfEmpty(0).Min() is var nearest && nearest > 1)
            {
                layer[i] = nearest - 1;
            }
        }

        return layer;
    }

    /// <summary>Barycentre sweeps down and up: each slot moves towards the mean row of its neighbours in the layer before (after).</summary>
    private static void Order(List<Slot>[] slots, List<List<Slot>> chains)
    {
        var pairs = new List<(Slot Upper, Slot Lower)>();
        foreach (var chain in chains)
        {
            for (var k = 0; k + 1 < chain.Count; k++)
            {
                pairs.Add((chain[k], chain[k + 1]));
            }
        }

        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var down = sweep % 2 == 0;
            var range = down ? Enumerable.Range(1, slots.Length - 1) : Enumerable.Range(0, slots.Length - 1).Reverse();
            foreach (var l in range)
            {
                var neighbours = down ? slots[l - 1] : slots[l + 1];
                var current = slots[l];
                var keys = current.Select((slot, row) =>
                {
                    var rows = pairs.Where(p => down ? p.Lower == slot && neighbours.Contains(p.Upper) : p.Upper == slot && neighbours.Contains(p.Lower))
                        .Select(p => (double)neighbours.IndexOf(down ? p.Upper : p.Lower)).ToList();
                    return (Slot: slot, Key: rows.Count == 0 ? row : rows.Average(), Row: row);
                }).OrderBy(k => k.Key).ThenBy(k => k.Row).Select(k => k.Slot).ToList();
                slots[l] = keys;
            }
        }
    }

    private static GraphLayout Place(List<GraphNode> nodes, int[] layer, List<Slot>[] slots, List<List<Slot>> chains, List<GraphEdge> links, int layers)
    {
        static double Height(Slot s) => s.Node >= 0 ? NodeHeight : LaneHeight;
        var layerHeights = slots.Select(l => l.Sum(Height) + (Math.Max(0, l.Count - 1) * RowGap)).ToArray();
        var tallest = layerHeights.Max();
        var top = new Dictionary<Slot, double>();
        var placed = new PlacedNode[nodes.Count];
        for (var l = 0; l < layers; l++)
        {
            var y = Margin + ((tallest - layerHeights[l]) / 2);
            var x = X(l);
            for (var row = 0; row < slots[l].Count; row++)
            {
                var slot = slots[l][row];
                top[slot] = y;
                if (slot.Node >= 0)
                {
                    placed[slot.Node] = new PlacedNode(nodes[slot.Node], l, row, x, y);
                }

                y += Height(slot) + RowGap;
            }
        }

        var edges = new List<PlacedEdge>();
        for (var e = 0; e < chains.Count; e++)
        {
            var chain = chains[e];
            var points = new List<(double X, double Y)>();
            var first = chain[0];
            points.Add((X(layer[first.Node]) + NodeWidth, top[first] + (NodeHeight / 2)));
            foreach (var lane in chain.Skip(1).SkipLast(1))
            {
                var laneLayer = Array.FindIndex(slots, s => s.Contains(lane));
                var middle = top[lane] + (LaneHeight / 2);
                points.Add((X(laneLayer), middle));
                points.Add((X(laneLayer) + NodeWidth, middle));
            }

            var last = chain[^1];
            points.Add((X(layer[last.Node]), top[last] + (NodeHeight / 2)));
            edges.Add(new PlacedEdge(links[e], points));
        }

        var width = (2 * Margin) + (layers * NodeWidth) + ((layers - 1) * LayerGap);
        return new GraphLayout(placed, edges, width, (2 * Margin) + tallest);
    }

    private static double X(int layer) => Margin + (layer * (NodeWidth + LayerGap));

    /// <summary>A box (<see cref="Node"/> ≥ 0) or the lane of arrow <see cref="Edge"/> through a layer it crosses; compared by reference.</summary>
    private sealed class Slot(int node, int edge)
    {
        public int Node { get; } = node;

        public int Edge { get; } = edge;
    }
}
