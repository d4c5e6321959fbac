using System.Collections.Frozen;
using System.CommandLine;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands;

/// <summary>
/// The activity of each CLI command that changes the project, checked against the caller (CHURNOPS_TOKEN, else the OS
/// user's team from teams[].members) before the command runs, once the project has access control. Every other
/// command of the tree is listed as a read, so a new command must be placed in one list or the other (a test checks).
/// </summary>
internal static class CommandPermissions
{
    /// <summary>EX_NOPERM: the caller lacks the permission.</summary>
    public const int DeniedExitCode = 77;

    public static FrozenDictionary<string, Func<ParseResult, ChurnOpsWorkspace, string>> Mutations { get; } = new Dictionary<string, Func<ParseResult, ChurnOpsWorkspace, string>>(StringComparer.Ordinal)
    {
        ["ingest"] = Fixed(Activities.Ingest),
        ["warehouse compact"] = Fixed(Activities.Ingest),
        ["contract test"] = Fixed(Activities.Ingest),
        ["contract publish"] = Fixed(Activities.ContractChange),
        ["contract approve"] = Fixed(Activities.ContractApproval),
        ["features apply"] = Fixed(Activities.FeatureChange),
        ["features build"] = Fixed(Activities.FeatureChange),
        ["features materialize"] = Fixed(Activities.FeatureChange),
        ["features training-set"] = Fixed(Activities.Train),
        ["train"] = Fixed(Activities.Train),
        ["runs reap"] = Fixed(Activities.Train),
        ["models approve"] = Fixed(Activities.Approve),
        ["models reject"] = Fixed(Activities.Approve),
        // Moving the serving alias is a deployment; any other alias is the registry's bookkeeping.
        ["models alias"] = (parse, workspace) => parse.GetValue<string>("alias") == workspace.Config.Serving.Alias ? Activities.Deploy : Activities.Register,
        ["models delete"] = Fixed(Activities.Delete),
        ["deploy"] = Fixed(Activities.Deploy),
        ["deployments promote"] = Fixed(Activities.Deploy),
        ["deployments pause"] = Fixed(Activities.Deploy),
        ["deployments resume"] = Fixed(Activities.Deploy),
        ["deployments rollback"] = Fixed(Activities.Rollback),
        ["monitor run"] = (parse, _) => parse.GetValue<bool>("--no-retrain") ? Activities.Monitor : Activities.Retrain,
        ["sla check"] = Fixed(Activities.Monitor),
        ["alerts ack"] = Fixed(Activities.AlertAck),
        ["alerts resolve"] = Fixed(Activities.AlertAck),
        ["pipelines run"] = Fixed(Activities.PipelineRun),
        ["pipelines backfill"] = Fixed(Activities.PipelineRun),
        ["pipelines pause"] = Fixed(Activities.PipelineRun),
        ["pipelines resume"] = Fixed(Activities.PipelineRun),
        ["scheduler"] = Fixed(Activities.PipelineRun),
        ["tokens create"] = Fixed(Activities.AccessAdmin),
        ["tokens revoke"] = Fixed(Activities.AccessAdmin),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Commands that change nothing in the project (or, like serve, check each request themselves; or, like init and
    /// quickstart, create a project that has no access control yet).
    /// </summary>
    public static FrozenSet<string> Reads { get; } = new[]
    {
        "init", "data generate", "quickstart", "serve", "score", "reproduce",
        "contract lint", "contract diff", "contract list", "contract show", "datasets list", "datasets show",
        "alerts list", "features show", "runs list", "runs show", "runs compare",
        "models list", "models show", "models card", "models lineage", "monitor drift", "monitor report",
        "deployments list", "deployments show", "pipelines validate", "pipelines list", "pipelines history", "pipelines logs",
        "tokens list", "audit list", "audit export", "audit verify", "handoffs",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Null when the command may run; else the one line naming the missing permission.</summary>
    public static async Task<string?> DenialAsync(string commandPath, ParseResult parse, ChurnOpsWorkspace workspace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!Mutations.TryGetValue(commandPath, out var activityOf))
        {
            return null;
        }

        var gate = workspace.Services.GetRequiredService<AccessGate>();
        return await gate.CheckCommandAsync(activityOf(parse, workspace), Environment.UserName, Environment.GetEnvironmentVariable(AccessGate.TokenVariable), ct).ConfigureAwait(false);
    }

    private static Func<ParseResult, ChurnOpsWorkspace, string> Fixed(string activity) => (_, _) => activity;
}
