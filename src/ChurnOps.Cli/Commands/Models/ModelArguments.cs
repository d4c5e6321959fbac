using System.CommandLine;
using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>The arguments and options the models commands share: NAME, VERSION, and who acts (--as, --team).</summary>
internal static class ModelArguments
{
    public static Argument<string> Name() => new("name") { Description = "The registered model's name (e.g. churn)." };

    public static Argument<string> Version() => new("version") { Description = "The version number (e.g. 3)." };

    public static Option<string?> Actor() => new("--as") { Description = "Who acts, as recorded in the registry (default: the OS user)." };

    public static Option<string?> Team() => new("--team") { Description = "The team the actor signs for (approvals need registry.approval.accountable_team)." };

    /// <summary>A version as typed: a positive whole number, or the one-line reason it is not.</summary>
    public static (int Version, string? Error) ParseVersion(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (version, null)
            : (0, $"version '{(text.Length > 40 ? text[..40] + "…" : text)}' is not a positive whole number");

    public static RegistryActor ActorOf(ParseResult parse, Option<string?> actor, Option<string?> team) =>
        parse.GetValue(actor) is { Length: > 0 } name ? new RegistryActor(name, parse.GetValue(team)) : RegistryActor.CurrentUser(parse.GetValue(team));

    public static int Error(RegistryError error) => Output.CliConsole.Error(error.Message, 1);

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
