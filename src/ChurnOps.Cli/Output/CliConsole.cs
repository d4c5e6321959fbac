using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace ChurnOps.Cli.Output;

/// <summary>
/// Everything a command prints goes through here: Spectre tables on a terminal, plain lines when piped,
/// one JSON document with --json, and one-line errors on stderr. Text that can carry user data is passed through
/// <see cref="TerminalText"/> (escaped control characters, long values cut).
/// </summary>
internal sealed class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public CliConsole(bool json)
    {
        Json = json;
        Interactive = !json && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
    }

    public bool Json { get; }

    /// <summary>True on a real terminal: progress bars and colours; false when piped, in CI or with --json.</summary>
    public bool Interactive { get; }

    public void Line(string text)
    {
        if (!Json)
        {
            Console.Out.WriteLine(TerminalText.Line(text));
        }
    }

    public void Markup(string markup, string plain)
    {
        if (Json)
        {
            return;
        }

        if (Interactive)
        {
            AnsiConsole.MarkupLine(markup);
        }
        else
        {
            Console.Out.WriteLine(TerminalText.Line(plain));
        }
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (Json)
        {
            return;
        }

        if (Interactive)
        {
            var table = new Table().RoundedBorder();
            foreach (var header in headers)
            {
                table.AddColumn(Spectre.Console.Markup.Escape(TerminalText.Value(header)));
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(cell => Spectre.Console.Markup.Escape(TerminalText.Value(cell))).ToArray());
            }

            AnsiConsole.Write(table);
            return;
        }

        Console.Out.WriteLine(string.Join('\t', headers.Select(TerminalText.Value)));
        foreach (var row in rows)
        {
            Console.Out.WriteLine(string.Join('\t', row.Select(TerminalText.Value)));
        }
    }

    public void WriteJson<T>(T value)
    {
        if (Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        }
    }

    /// <summary>One line on stderr, and the exit code to return.</summary>
    public static int Error(string message, int exitCode = 1)
    {
        Console.Error.WriteLine("error: " + TerminalText.Line(message.ReplaceLineEndings(" ")));
        return exitCode;
    }

    /// <summary>Several problems found together (a project's settings): one "error:" line on stderr each.</summary>
    public static int Errors(string messages, int exitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        }

        return exitCode;
    }

    /// <summary>Runs a step with a spinner on a terminal, or a plain "step..." line otherwise.</summary>
    public async Task<T> StepAsync<T>(string title, Func<Task<T>> step)
    {
        if (Interactive)
        {
            return await AnsiConsole.Status().StartAsync(title, _ => step()).ConfigureAwait(false);
        }

        Line(title + "...");
        return await step().ConfigureAwait(false);
    }
}
