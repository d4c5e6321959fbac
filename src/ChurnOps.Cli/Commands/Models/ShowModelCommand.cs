using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>`churnops models show NAME [VERSION]`: a model's versions, or one version with lineage and approvals.</summary>
internal static class ShowModelCommand
{
    public static Command Create()
    {
        var name = ModelArguments.Name();
        var version = new Argument<string?>("version") { Description = "A version number; without it, every version of the model.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show a model's versions, or one version: status, metrics, lineage, aliases and approval history.");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var registry = workspace.Services.GetRequiredService<ModelLifecycle>().Registry;
            var modelName = parse.GetValue(name)!;
            var model = await registry.GetModelAsync(modelName, ct).ConfigureAwait(false);
            if (model is null)
            {
                return ModelArguments.Error(RegistryError.ModelNotFound(modelName));
            }

            var aliases = await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false);
            if (parse.GetValue(version) is not { } text)
            {
                var versions = await registry.ListVersionsAsync(modelName, ct).ConfigureAwait(false);
                console.WriteJson(new { model, aliases, versions = versions.Select(v => Summary(v, aliases)) });
                console.Line($"{model.Name}{(model.Description is null ? string.Empty : " — " + model.Description)} (owner: {model.OwnerTeam ?? "-"})");
                console.Table(
                    ["version", "status", "stage", "aliases", "trainer", "run", "created by", "created (UTC)"],
                    versions.Select(v => (IReadOnlyList<string>)[
                        v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        RegistryNames.Status(v.Status),
                        RegistryNames.Stage(v.Stage),
                        AliasesOf(v, aliases),
                        v.Trainer,
                        v.RunId,
                        v.CreatedBy,
                        ModelArguments.Time(v.CreatedAt),
                    ]));
                return 0;
            }

            var (number, versionError) = ModelArguments.ParseVersion(text);
            if (versionError is not null)
            {
                return CliConsole.Error(versionError, 2);
            }

            var found = await registry.GetAsync(modelName, number, ct).ConfigureAwait(false);
            if (found is null)
            {
                return ModelArguments.Error(RegistryError.VersionNotFound(modelName, number));
            }

            var approvals = await registry.GetApprovalsAsync(modelName, number, ct).ConfigureAwait(false);
            console.WriteJson(new { version = found, status = RegistryNames.Status(found.Status), aliases = AliasesOf(found, aliases), approvals });
            var lineage = found.Lineage;
            console.Table(
                ["attribute", "value"],
                [
                    ["model", $"models:/{found.ModelName}/{found.Version}"],
                    ["status", RegistryNames.Status(found.Status)],
                    ["stage", RegistryNames.Stage(found.Stage)],
                    ["aliases", AliasesOf(found, aliases)],
                    ["trainer", found.Trainer],
                    ["run", found.RunId],
                    ["artifact", found.ArtifactPath],
                    ["artifact sha256", found.ArtifactSha256 ?? "hash not recorded (registered before hashes were kept; served unverified)"],
                    ["created by", found.CreatedBy],
                    ["created (UTC)", ModelArguments.Time(found.CreatedAt)],
                    ["description", found.Description ?? "-"],
                    ["gates", found.Gates is null ? "no verdict recorded" : found.Gates.Passed ? "passed" : string.Join("; ", found.Gates.Failures)],
                    ["dataset version", lineage.DatasetVersion ?? "-"],
                    ["feature views", lineage.FeatureViewVersions.Count == 0 ? "-" : string.Join(", ", lineage.FeatureViewVersions.Select(f => $"{f.Key}@{f.Value}"))],
                    ["training set", lineage.TrainingSetHash ?? "-"],
                    ["code version", lineage.CodeVersion ?? "-"],
                    ["seed", lineage.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                    ["threshold", lineage.Threshold is { } t ? $"{ModelArguments.Number(t)} ({lineage.ThresholdPolicy})" : "-"],
                ]);
            if (found.Metrics.Count > 0)
            {
                console.Line(string.Empty);
                console.Table(["metric", "value"], found.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (IReadOnlyList<string>)[m.Key, ModelArguments.Number(m.Value)]));
            }

            console.Line(string.Empty);
            if (approvals.Count == 0)
            {
                console.Line($"approvals: none yet (churnops models approve {found.ModelName} {found.Version} --team TEAM)");
            }
            else
            {
                console.Table(
                    ["decision", "team", "by", "when (UTC)", "note", "gates seen"],
                    approvals.Select(a => (IReadOnlyList<string>)[
                        a.Decision == ApprovalDecision.Approve ? "approved" : "rejected",
                        a.Team,
                        a.Actor,
                        ModelArguments.Time(a.DecidedAt),
                        a.Note ?? "-",
                        a.EvidenceVerdict.Passed ? "passed" : string.Join("; ", a.EvidenceVerdict.Failures),
                    ]));
            }

            return 0;
        });
        return command;
    }

    private static string AliasesOf(ModelVersion version, IReadOnlyDictionary<string, int> aliases)
    {
        var names = aliases.Where(a => a.Value == version.Version).Select(a => a.Key).ToList();
        return names.Count == 0 ? "-" : string.Join(", ", names);
    }

    private static object Summary(ModelVersion v, IReadOnlyDictionary<string, int> aliases) => new
    {
        version = v.Version,
        status = RegistryNames.Status(v.Status),
        stage = RegistryNames.Stage(v.Stage),
        aliases = aliases.Where(a => a.Value == v.Version).Select(a => a.Key).ToList(),
        trainer = v.Trainer,
        run_id = v.RunId,
        created_by = v.CreatedBy,
        created_at = v.CreatedAt,
    };
}
