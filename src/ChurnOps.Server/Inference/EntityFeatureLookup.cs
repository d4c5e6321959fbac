using ChurnOps.Core.Data;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Lets a client send only entity keys: each key's features come from the online store, checked to be the feature-view
/// versions the served model was trained on, and are assembled into the model's input table.
/// </summary>
internal static class EntityFeatureLookup
{
    /// <summary>True when the request carries just the entity key tensor and the model does not take that key as an input.</summary>
    public static bool Applies(InferenceRequest? request, string entity, ServedModel served) =>
        request?.Inputs is [{ Name: { } name }]
        && name.Equals(entity, StringComparison.OrdinalIgnoreCase)
        && !served.Engine.Signature.Inputs.Any(i => i.Name.Equals(entity, StringComparison.OrdinalIgnoreCase));

    public static async Task<(TabularData? Data, int Status, string? Error)> LookupAsync(
        InferenceRequest request, string entity, ServedModel served, FeatureStore features, CancellationToken ct)
    {
        var (keys, parseError) = InferenceRequestParser.Parse(request, [new InputSpec(entity, IsText: true, Required: true)]);
        if (keys is null)
        {
            return (null, StatusCodes.Status400BadRequest, parseError);
        }

        var ids = keys[entity].Texts!;
        var signature = served.Engine.Signature.Inputs;
        var numbers = signature.Where(i => !IsText(i.Kind)).ToDictionary(i => i.Name, _ => new double[ids.Length], StringComparer.OrdinalIgnoreCase);
        var texts = signature.Where(i => IsText(i.Kind)).ToDictionary(i => i.Name, _ => new string?[ids.Length], StringComparer.OrdinalIgnoreCase);
        for (var row = 0; row < ids.Length; row++)
        {
            if (ids[row] is not { Length: > 0 } id)
            {
                return (null, StatusCodes.Status400BadRequest, $"input '{entity}' element {row} is empty");
            }

            var vector = await features.GetOnlineFeatureVectorAsync(served.Version.Lineage.FeatureViewVersions, id, ct).ConfigureAwait(false);
            if (!vector.Succeeded)
            {
                // A version mismatch is a conflict between the deployed model and the online store, not a missing entity.
                var status = vector.Error!.Contains("is served at version", StringComparison.Ordinal) ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound;
                return (null, status, vector.Error);
            }

            foreach (var (name, column) in numbers)
            {
                column[row] = vector.Values.TryGetValue(name, out var value) && value is double d ? d : double.NaN;
            }

            foreach (var (name, column) in texts)
            {
                column[row] = vector.Values.TryGetValue(name, out var value) ? value as string : null;
            }
        }

        var columns = signature.Select(i => IsText(i.Kind) ? TabularColumn.Text(i.Name, texts[i.Name]) : TabularColumn.Numeric(i.Name, numbers[i.Name])).ToList();
        columns.Add(TabularColumn.Text(entity, ids));
        return (new TabularData(columns), StatusCodes.Status200OK, null);
    }

    private static bool IsText(string kind) => string.Equals(kind, "text", StringComparison.OrdinalIgnoreCase);
}
