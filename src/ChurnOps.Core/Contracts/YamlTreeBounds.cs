using YamlDotNet.RepresentationModel;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Bounds on a loaded contract's YAML tree, checked before anything walks it: aliases make the tree a graph that a
/// reader expands (nine anchors of nine aliases each are billions of nodes), and deep nesting overflows the readers and
/// the JSON kept for extensions. Both are one error naming the line, not a hang or a crash.
/// </summary>
internal static class YamlTreeBounds
{
    public const int MaxDepth = 64;

    public const int MaxNodes = 1_000_000;

    public static ContractIssue? Check(YamlNode root)
    {
        var pending = new Stack<(YamlNode Node, int Depth)>();
        pending.Push((root, 1));
        var visited = 0;
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (++visited > MaxNodes)
            {
                return new ContractIssue(ContractIssueSeverity.Error, "$", (int)node.Start.Line,
                    $"the YAML expands to more than {MaxNodes:N0} values (anchors and aliases are expanded); a contract is far smaller");
            }

            if (depth > MaxDepth)
            {
                return new ContractIssue(ContractIssueSeverity.Error, "$", (int)node.Start.Line, $"the YAML nests deeper than {MaxDepth} levels");
            }

            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        pending.Push((key, depth + 1));
                        pending.Push((value, depth + 1));
                    }

                    break;
                case YamlSequenceNode seq:
                    foreach (var child in seq.Children)
                    {
                        pending.Push((child, depth + 1));
                    }

                    break;
            }
        }

        return null;
    }
}
