using System.Globalization;
using ChurnOps.Core.Audit;
using ChurnOps.Core.Registry;

namespace ChurnOps.Platform.Registry;

/// <summary>
/// The audit side of <see cref="ModelLifecycle"/>: every registry change, allowed or refused, is one entry with the
/// model or version as it stood before and after (status, stage, the aliases pointing at it).
/// </summary>
public sealed partial class ModelLifecycle
{
    private async Task<RegistryResult<T>> AuditedAsync<T>(string action, string modelName, int? version, string? newName, object? request, Func<Task<RegistryResult<T>>> change, CancellationToken ct)
    {
        var before = await SnapshotAsync(modelName, version, ct).ConfigureAwait(false);
        var result = await change().ConfigureAwait(false);
        var after = result.IsSuccess ? await SnapshotAsync(newName ?? modelName, version, ct).ConfigureAwait(false) : null;
        var objectId = version is { } v ? $"{modelName}/{v.ToString(CultureInfo.InvariantCulture)}" : modelName;
        await audit.RecordAsync(action, version is null ? "registered_model" : "model_version", objectId,
            result.IsSuccess ? AuditOutcome.Succeeded : AuditOutcome.Refused,
            before, request is null ? after : new { request, state = after }, result.Error?.Message, ct).ConfigureAwait(false);
        return result;
    }

    private async Task<object?> SnapshotAsync(string modelName, int? version, CancellationToken ct)
    {
        if (version is { } number)
        {
            if (await registry.GetAsync(modelName, number, ct).ConfigureAwait(false) is not { } found)
            {
                return null;
            }

            var aliases = await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false);
            return new
            {
                status = RegistryNames.Status(found.Status),
                stage = RegistryNames.Stage(found.Stage),
                aliases = aliases.Where(a => a.Value == number).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
            };
        }

        return await registry.GetModelAsync(modelName, ct).ConfigureAwait(false) is null
            ? null
            : new { aliases = (await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false)).OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) };
    }

    private static object SignOff(RegistryActor actor, string? note) => new { signed_off_by = actor.Name, team = actor.Team, note };
}
