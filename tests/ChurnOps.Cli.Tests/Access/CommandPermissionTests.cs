using System.CommandLine;
using System.Text.Json;
using ChurnOps.Cli.Commands;

namespace ChurnOps.Cli.Tests.Access;

/// <summary>
/// CLI mutations once the project has access control (a token exists), as real processes: the caller is CHURNOPS_TOKEN
/// or the OS user's team from teams[].members; without the permission, one line naming it and exit 77.
/// </summary>
public sealed class CommandPermissionTests : TemplateProjectTests
{
    [Fact]
    public async Task ModelsApprove_OsUserInNoTeam_Exit77NamingThePermissionAndTheFix()
    {
        await IssueAsync("mlops-team");

        var (code, _, stderr) = await CliProcess.RunAsync(Project.Root, "models", "approve", "churn", "1", "-C", Project.Root);

        Assert.Equal(77, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"error: permission 'approve' denied: {Environment.UserName} acts for no team; access.raci.approve lets 'mlops-team' perform it", line, StringComparison.Ordinal);
        Assert.Contains("teams[].members", line.Replace("a team's members", "teams[].members", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentsRollback_TokenOfATeamWithoutThePermission_Exit77()
    {
        var dataScience = await IssueAsync("data-science", "write");

        var (code, _, stderr) = await RunAsAsync(dataScience, "deployments", "rollback", "1", "-C", Project.Root);

        Assert.Equal(77, code);
        Assert.Equal("error: permission 'rollback' denied: data-science-bot acts for 'data-science'; access.raci.rollback lets 'mlops-team' perform it", stderr.Trim());
    }

    [Fact]
    public async Task DeploymentsRollback_MlopsToken_PassesThePermissionCheck()
    {
        var mlops = await IssueAsync("mlops-team", "write");

        var (code, _, stderr) = await RunAsAsync(mlops, "deployments", "rollback", "424242", "-C", Project.Root);

        Assert.NotEqual(77, code);
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("permission", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ReadScopedToken_Exit77NamingTheScope()
    {
        var reader = await IssueAsync("data-science", "read");

        var (code, _, stderr) = await RunAsAsync(reader, "train", "-C", Project.Root);

        Assert.Equal(77, code);
        Assert.Equal("error: permission 'train' denied: the token's scopes (read) do not include 'train' or 'write'", stderr.Trim());
    }

    [Fact]
    public async Task AnyCommand_UnknownChurnopsToken_Exit77SayingSo()
    {
        await IssueAsync("mlops-team");

        var (code, _, stderr) = await RunAsAsync("cho_not-a-real-token", "alerts", "ack", "1", "-C", Project.Root);

        Assert.Equal(77, code);
        Assert.Equal("error: CHURNOPS_TOKEN: unknown token", stderr.Trim());
    }

    [Fact]
    public async Task ModelsApprove_OsUserListedAsMlopsMember_PassesThePermissionButMayNotSignAsSomeoneElse()
    {
        await IssueAsync("mlops-team");
        var member = new Dictionary<string, string> { ["CHURNOPS__TEAMS__3__MEMBERS__0"] = Environment.UserName };

        var (asSelf, _, selfErr) = await CliProcess.RunWithEnvironmentAsync(Project.Root, member, "models", "approve", "churn", "1", "-C", Project.Root);
        var (asOther, _, otherErr) = await CliProcess.RunWithEnvironmentAsync(Project.Root, member, "models", "approve", "churn", "1", "--as", "someone-else", "-C", Project.Root);

        Assert.Equal(1, asSelf);
        Assert.DoesNotContain("permission", selfErr, StringComparison.Ordinal);
        Assert.Equal(2, asOther);
        Assert.Equal($"error: --as/--team: with access control on you sign as yourself, {Environment.UserName} for 'mlops-team'", otherErr.Trim());
    }

    [Fact]
    public async Task AnyCommand_BadAccessSettings_EveryProblemOnStderrAndNonZero()
    {
        var file = Path.Combine(Project.Root, "churnops.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("    deploy:            {responsible: [mlops],", "    deploy:            {responsible: [mlops, night-shift],", StringComparison.Ordinal).Replace("  required: false", "  required: maybe", StringComparison.Ordinal));

        var (code, _, stderr) = await CliProcess.RunAsync(Project.Root, "models", "list", "-C", Project.Root);

        Assert.NotEqual(0, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Contains(lines, l => l.Contains("access.required: 'maybe' is not true or false", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void CommandTree_EveryLeafCommand_IsEitherAMutationWithAnActivityOrARead()
    {
        var leaves = Leaves(CommandCatalog.Build(), "").ToList();

        var unplaced = leaves.Where(l => !CommandPermissions.Mutations.ContainsKey(l) && !CommandPermissions.Reads.Contains(l)).ToList();
        var stale = CommandPermissions.Mutations.Keys.Concat(CommandPermissions.Reads).Where(k => !leaves.Contains(k)).ToList();

        Assert.Empty(unplaced);
        Assert.Empty(stale);
        Assert.Empty(CommandPermissions.Mutations.Keys.Intersect(CommandPermissions.Reads));
    }

    private static IEnumerable<string> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return path;
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }

    private async Task<string> IssueAsync(string team, string scope = "read")
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Project.Root, "tokens", "create", "-C", Project.Root, "--team", team, "--scope", scope, "--name", team + "-bot", "--json");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("secret").GetString()!;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsAsync(string token, params string[] args) =>
        CliProcess.RunWithEnvironmentAsync(Project.Root, new Dictionary<string, string> { ["CHURNOPS_TOKEN"] = token }, args);
}
