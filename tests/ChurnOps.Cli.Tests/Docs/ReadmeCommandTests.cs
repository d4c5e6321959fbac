using System.CommandLine;
using ChurnOps.Cli.Commands;

namespace ChurnOps.Cli.Tests.Docs;

/// <summary>
/// Every `churnops …` line of the README's code blocks names commands the real command tree has: a renamed or dropped
/// subcommand fails here instead of in a reader's terminal. `a|b|c` alternatives are each checked.
/// </summary>
public sealed class ReadmeCommandTests
{
    [Fact]
    public void Readme_EveryChurnopsCommandLine_NamesExistingCommands()
    {
        var readme = File.ReadAllLines(Path.Combine(DeployFiles.Root, "README.md"));
        var root = CommandCatalog.Build();
        var inCode = false;
        var checkedLines = 0;
        var unknown = new List<string>();
        foreach (var line in readme)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            var text = line.Trim();
            if (!inCode || !text.StartsWith("churnops ", StringComparison.Ordinal))
            {
                continue;
            }

            checkedLines++;
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).TakeWhile(w => !w.StartsWith('-') && !w.StartsWith('#')).ToList();
            Command current = root;
            foreach (var word in words)
            {
                if (current.Subcommands.Count == 0)
                {
                    break; // the rest are arguments
                }

                var names = word.Split('|', StringSplitOptions.RemoveEmptyEntries);
                var found = names.Select(n => current.Subcommands.FirstOrDefault(c => c.Name == n || c.Aliases.Contains(n))).ToList();
                if (found.Any(c => c is null))
                {
                    // An argument placeholder (NAME, my-project) under a command that also has subcommands is not a command word.
                    if (names.All(n => n.ToUpperInvariant() == n || n.Contains('/', StringComparison.Ordinal) || n.Contains('.', StringComparison.Ordinal)) && current != root)
                    {
                        break;
                    }

                    unknown.Add($"{text}: '{word}' under '{current.Name}'");
                    break;
                }

                current = found[0]!;
            }
        }

        Assert.True(checkedLines >= 10, $"only {checkedLines} churnops lines found in README code blocks");
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }
}
