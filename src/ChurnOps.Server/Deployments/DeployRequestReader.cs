using System.Text.Json;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// Reads POST /api/v1/deployments: {"model", "version", "canary"?, "steps"?, "interval"?, "shadow"?, "weights"?: {"stable",
/// "candidate"}, "created_by"?}. Every field of the wrong JSON type is named; unknown fields are refused.
/// </summary>
internal static class DeployRequestReader
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "model", "version", "canary", "steps", "interval", "shadow", "weights", "created_by" };

    public static (DeployRequest? Request, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object with at least \"model\" and \"version\"");
        }

        var errors = new List<string>();
        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add($"{Cut(property.Name)}: unknown field (known: {string.Join(", ", Known)})");
        }

        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name ? name : null;
        if (model is null)
        {
            errors.Add("model: required, the registered model's name");
        }

        var version = Int(body, "version", errors, required: true);
        var canary = Int(body, "canary", errors, required: false);
        List<int>? steps = null;
        if (body.TryGetProperty("steps", out var s))
        {
            if (s.ValueKind == JsonValueKind.Array && s.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)))
            {
                steps = [.. s.EnumerateArray().Select(e => e.GetInt32())];
            }
            else
            {
                errors.Add("steps: expected an array of whole numbers (e.g. [10, 25, 50, 100])");
            }
        }

        string? interval = null;
        if (body.TryGetProperty("interval", out var i))
        {
            if (i.ValueKind == JsonValueKind.String)
            {
                interval = i.GetString();
            }
            else
            {
                errors.Add("interval: expected a duration string (e.g. \"5m\")");
            }
        }

        var shadow = false;
        if (body.TryGetProperty("shadow", out var sh))
        {
            if (sh.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                shadow = sh.GetBoolean();
            }
            else
            {
                errors.Add("shadow: expected true or false");
            }
        }

        (int, int)? weights = null;
        if (body.TryGetProperty("weights", out var w))
        {
            if (w.ValueKind == JsonValueKind.Object)
            {
                var stable = Int(w, "stable", errors, required: true, path: "weights.");
                var candidate = Int(w, "candidate", errors, required: true, path: "weights.");
                weights = stable is { } st && candidate is { } ca ? (st, ca) : null;
            }
            else
            {
                errors.Add("weights: expected an object {\"stable\": 90, \"candidate\": 10}");
            }
        }

        var by = body.TryGetProperty("created_by", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "api";
        return errors.Count > 0
            ? (null, string.Join("; ", errors))
            : (new DeployRequest(model!, version!.Value, canary, steps, interval, shadow, weights, by), null);
    }

    private static int? Int(JsonElement body, string name, List<string> errors, bool required, string path = "")
    {
        if (!body.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add($"{path}{name}: required, a whole number");
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        errors.Add($"{path}{name}: expected a whole number");
        return null;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
