namespace ChurnOps.Core.Pipelines;

/// <summary>The DAG checks: a cycle among the steps' <c>needs</c>, and which steps a step depends on transitively.</summary>
public static class PipelineGraph
{
    /// <summary>The steps of one cycle in order (first repeated at the end), or null when the needs form a DAG.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<PipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var byName = steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // 0 unvisited, 1 on the current path, 2 done: iterative depth-first search, so a long chain cannot overflow the stack.
        var mark = byName.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var start in byName.Keys)
        {
            if (mark[start] != 0)
            {
                continue;
            }

            var path = new List<string>();
            var stack = new Stack<(string Step, int Next)>();
            stack.Push((start, 0));
            mark[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (step, next) = stack.Pop();
                var needs = byName[step].Needs;
                if (next < needs.Count)
                {
                    stack.Push((step, next + 1));
                    var need = needs[next];
                    if (!mark.TryGetValue(need, out var state))
                    {
                        continue;
                    }

                    if (state == 1)
                    {
                        var from = path.IndexOf(need);
                        return [.. path.Skip(from), need];
                    }

                    if (state == 0)
                    {
                        mark[need] = 1;
                        path.Add(need);
                        stack.Push((need, 0));
                    }

                    continue;
                }

                mark[step] = 2;
                path.RemoveAt(path.Count - 1);
            }
        }

        return null;
    }

    /// <summary>Every step <paramref name="step"/> needs, directly or through others.</summary>
    public static IReadOnlySet<string> Upstream(IReadOnlyList<PipelineStep> steps, string step)
    {
        var byName = steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([step]);
        while (queue.Count > 0)
        {
            if (!byName.TryGetValue(queue.Dequeue(), out var current))
            {
                continue;
            }

            foreach (var need in current.Needs)
            {
                if (seen.Add(need))
                {
                    queue.Enqueue(need);
                }
            }
        }

        return seen;
    }
}
