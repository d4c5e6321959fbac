using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Tests.Access;

/// <summary>churnops.yaml `access:` and `teams:`: the template's RACI is the seeds' default, and every bad value is one precise line naming where it is.</summary>
public sealed class AccessSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_Template_RaciWrittenOutEqualsTheDefaultsForEveryActivity()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, new Dictionary<string, string?>()));

        Assert.Empty(errors);
        Assert.Equal(Activities.All.Order(StringComparer.Ordinal), config!.Access.Raci.Keys.Order(StringComparer.Ordinal));
        foreach (var (activity, line) in config.Access.Raci)
        {
            var expected = DefaultRaci.Assignments[activity];
            Assert.Equal(expected.Responsible, line.Responsible);
            Assert.Equal(expected.Accountable, [line.Accountable!]);
            Assert.Equal(expected.Consulted, line.Consulted);
            Assert.Equal(expected.Informed, line.Informed);
        }

        Assert.False(config.Access.Required);
        Assert.Null(config.Access.Jwt);
    }

    [Fact]
    public async Task Read_BadAccessSettings_EveryProblemOneLineWithItsLine()
    {
        await ProjectTemplate.WriteAsync(_temp.Path, false, CancellationToken.None);
        var file = Path.Combine(_temp.Path, "churnops.yaml");
        var yaml = (await File.ReadAllTextAsync(file))
            .Replace("    retrain:           {responsible: [mlops], accountable: mlops,", "    retrain:           {responsible: [mlops, qa-team], accountable: mlops,", StringComparison.Ordinal)
            .Replace("    monitor:           {responsible: [mlops], accountable: mlops,", "    monitor:           {responsible: [mlops], accountable: '',", StringComparison.Ordinal)
            .Replace("  token_cache_seconds: 5", "  token_cache_seconds: 3600", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, yaml + """
                dance:             {responsible: [mlops], accountable: mlops}
              jwt:
                audience: churnops
                teams: {admins: no-such-team}

            """);

        var (config, errors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(_temp.Path, new Dictionary<string, string?>()));

        Assert.Null(config);
        Assert.Contains(errors, e => e.EndsWith("access.token_cache_seconds: must be between 0 and 300 (got 3600)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.raci.retrain.responsible[1]: 'qa-team' is neither a team (data-engineering, data-science, ml-engineering, mlops-team, software-engineering) nor a role", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.raci.monitor.accountable: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.raci.dance: unknown activity (known: ingest, contract_change", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.jwt.issuer: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.jwt.signing_keys: name at least one file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("access.jwt.teams.admins: 'no-such-team' is not one of the project's teams", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith(file, e, StringComparison.Ordinal));
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void Validate_OnePersonInTwoTeams_Refused()
    {
        var teams = new List<TeamSettings>
        {
            new() { Name = "a", Role = TeamRoles.Mlops, Members = ["ana"] },
            new() { Name = "b", Role = TeamRoles.DataScience, Members = ["Ana"] },
        };

        var errors = new AccessSettings().Validate(teams, "access").ToList();

        Assert.Equal(["teams[1].members: 'Ana' is already a member of another team (a person acts for one team)"], errors);
    }

    [Fact]
    public void Policy_RaciOverrideByTeamName_OnlyThatTeamMayAndDefaultsKeepTheRest()
    {
        var config = new ProjectConfig
        {
            Teams = [new() { Name = "ops", Role = TeamRoles.Mlops }, new() { Name = "ds", Role = TeamRoles.DataScience }, new() { Name = "sre", Role = TeamRoles.Devops }],
        };
        config.Access.Raci["deploy"] = new RaciSettings { Responsible = ["sre"], Accountable = "ops" };

        var policy = new AccessPolicy(config);

        Assert.Equal(["ops", "sre"], policy.Performers("deploy").Order(StringComparer.Ordinal));
        Assert.Equal(["ops", "sre"], policy.Performers("rollback").Order(StringComparer.Ordinal));
        Assert.Equal(["ds", "ops"], policy.Performers("train").Order(StringComparer.Ordinal));
        Assert.Null(policy.Denial(new Actor("sam", "sre", "token"), "deploy", ["write"]));
        Assert.Equal("permission 'deploy' denied: dan acts for 'ds'; access.raci.deploy lets 'ops', 'sre' perform it",
            policy.Denial(new Actor("dan", "ds", "token"), "deploy", null)?.Replace("'sre', 'ops'", "'ops', 'sre'", StringComparison.Ordinal));
        Assert.StartsWith("permission 'train' denied: the token's scopes (read, deploy)", policy.Denial(new Actor("ops-bot", "ops", "token"), "train", ["read", "deploy"]), StringComparison.Ordinal);
        Assert.StartsWith("permission 'approve' denied: root acts for no team", policy.Denial(new Actor("root", null, "local"), "approve", null), StringComparison.Ordinal);
    }
}
