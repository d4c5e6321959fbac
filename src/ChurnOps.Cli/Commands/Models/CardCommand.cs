using System.CommandLine;
using System.Text;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Registry.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models card NAME VERSION [--json] [--out FILE.md|FILE.json]`: a version's model card as of now.</summary>
internal static class CardCommand
{
    public static Command Create()
    {
        var name = ModelArguments.Name();
        var version = ModelArguments.Version();
        var output = new Option<string?>("--out", "-o") { Description = "Also write the card to this file (.md for Markdown, .json for JSON), whole or not at all." };
        var command = new Command("card", "Show a version's model card (Model Card Toolkit sections): data, features, metrics with 95% bootstrap intervals, threshold policy, segments, approvals.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        command.Options.Add(output);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (number, versionError) = ModelArguments.ParseVersion(parse.GetValue(version)!);
            if (versionError is not null)
            {
                return CliConsole.Error(versionError);
            }

            var path = parse.GetValue(output);
            var format = path is null ? null : Path.GetExtension(path).ToLowerInvariant();
            if (format is not (null or ".md" or ".json"))
            {
                return CliConsole.Error($"--out {path}: the card file must end in .md or .json");
            }

            var resolved = await workspace.Services.GetRequiredService<ModelLifecycle>().ResolveAsync(new ModelUri(parse.GetValue(name)!, number, null, null, false), ct).ConfigureAwait(false);
            if (resolved.Value is not { } found)
            {
                return ModelArguments.Error(resolved.Error!);
            }

            var (card, error) = await workspace.Services.GetRequiredService<ModelCardStore>().BuildAsync(found, ct).ConfigureAwait(false);
            if (card is null)
            {
                return CliConsole.Error(error!);
            }

            var markdown = ModelCardMarkdown.Render(card);
            if (path is not null)
            {
                await WriteWholeAsync(path, format == ".json" ? ModelCardStore.ToJson(card) : markdown, ct).ConfigureAwait(false);
            }

            if (console.Json)
            {
                Console.Out.WriteLine(ModelCardStore.ToJson(card));
            }
            else if (path is null)
            {
                foreach (var line in markdown.Split('\n'))
                {
                    console.Line(line.TrimEnd('\r'));
                }
            }
            else
            {
                console.Line($"wrote the card of {found.ModelName} version {found.Version} to {Path.GetFullPath(path)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Writes to a temp name beside the target and renames it, so a reader never sees half a card.</summary>
    private static async Task WriteWholeAsync(string path, string text, CancellationToken ct)
    {
        var target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Environment.ProcessId}.tmp";
        try
        {
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(false), ct).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
