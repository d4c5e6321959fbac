using System.CommandLine;
using System.Globalization;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>The arguments and options the models commands share: NAME, VERSION, and who acts (--as, --team).</summary>
internal static class ModelArguments
{
    public static Argument<string> Name() => new("name") { Description = "The registered model's name (e.g. churn)." };

    public static Argument<string> Version() => new("version") { Description = "The version number (e.g. 3)." };

    public static Option<string?> Actor() => new("--as") { Description = "Who acts, as recorded in the registry (default: the OS user; with access control on, only yourself)." };

    public static Option<string?> Team() => new("--team") { Description = "The team the actor signs for (approvals need registry.approval.accountable_team)." };

    /// <summary>A version as typed: a positive whole number, or the one-line reason it is not.</summary>
    public static (int Version, string? Error) ParseVersion(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (version, null)
            : (0, $"version '{(text.Length > 40 ? text[..40] + "…" : text)}' is not a positive whole number");

    /// <summary>
    /// Who signs: while the project has no access control, --as/--team as given (default: the OS user and the team
    /// whose members name it); once it has, the authenticated caller, and --as/--team may only repeat who that is.
    /// </summary>
    public static async Task<(RegistryActor? Actor, string? Error)> ActorAsync(ParseResult parse, Option<string?> actor, Option<string?> team, ChurnOpsWorkspace workspace, CancellationToken ct)
    {
        var gate = workspace.Services.GetRequiredService<AccessGate>();
        var caller = await CommandActor.ResolveAsync(workspace, ct).ConfigureAwait(false);
        var givenName = parse.GetValue(actor) is { Length: > 0 } n ? n.Trim() : null;
        var givenTeam = parse.GetValue(team) is { Length: > 0 } t ? t.Trim() : null;
        if (!await gate.IsOnAsync(ct).ConfigureAwait(false))
        {
            return (new RegistryActor(givenName ?? caller.Name, givenTeam ?? caller.Team), null);
        }

        if ((givenName is not null && !string.Equals(givenName, caller.Name, StringComparison.OrdinalIgnoreCase))
            || (givenTeam is not null && !string.Equals(givenTeam, caller.Team, StringComparison.Ordinal)))
        {
            return (null, $"--as/--team: with access control on you sign as yourself, {caller.Name} for {(caller.Team is null ? "no team" : $"'{caller.Team}'")}");
        }

        return (new RegistryActor(caller.Name, caller.Team), null);
    }

    public static int Error(RegistryError error) => Output.CliConsole.Error(error.Message, 1);

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
