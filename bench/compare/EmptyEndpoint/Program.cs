using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

// POST /infer parses the JSON body into a JsonObject and answers a fixed small JSON: the ceiling for a JSON API in its own
// process on this machine. Usage: EmptyEndpoint PORT
var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5390;
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/infer", async (HttpRequest request, CancellationToken ct) =>
{
    var body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body, cancellationToken: ct).ConfigureAwait(false);
    return Results.Text(body is null ? "{\"error\":\"empty\"}" : "{\"outputs\":[{\"name\":\"probability\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[0.5]}]}", "application/json");
});
await app.RunAsync($"http://127.0.0.1:{port}").ConfigureAwait(false);
