using System.Text.Json;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// The body of an approve or reject: {"actor"?, "team"?, "note"?}, all strings. The actor and team are recorded as given,
/// as the CLI's --as and --team are, unless the request is authenticated (then the authenticated actor counts).
/// </summary>
internal sealed record DecisionRequest(string? Actor, string? Team, string? Note)
{
    private const int MaxLength = 2000;
    private static readonly string[] Known = ["actor", "team", "note"];

    public static (DecisionRequest? Request, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object: {\"actor\": ..., \"team\": ..., \"note\": ...}");
        }

        var errors = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (!Known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"{(property.Name.Length <= 40 ? property.Name : property.Name[..40] + "…")}: unknown field (known: actor, team, note)");
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add($"{property.Name}: expected a string");
            }
            else if (property.Value.GetString() is { Length: > MaxLength })
            {
                errors.Add($"{property.Name}: longer than {MaxLength} characters");
            }
        }

        if (errors.Count > 0)
        {
            return (null, string.Join("; ", errors));
        }

        string? Text(string name) => body.TryGetProperty(name, out var value) && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        return (new DecisionRequest(Text("actor"), Text("team"), Text("note")), null);
    }
}
