using System.Text;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Server.Tests.Serving;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChurnOps.Server.Tests.Team;

/// <summary>
/// A real server whose churnops.yaml puts the warehouse on PostgreSQL (storage.warehouse): answered predictions land in
/// the database's monitoring.predictions with the probabilities the client got, bit for bit, and the embedded DuckDB
/// file is never created (so several replicas can share one project folder).
/// </summary>
public sealed class PostgresWarehousePredictionLogTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private ScoringServer? _server;

    private ScoringServer Server => _server!;

    public async Task InitializeAsync() =>
        _server = await ScoringServer.StartAsync(ScoringServer.RegisterModelAsync, $"storage:\n  warehouse: {database.Url}");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Invocations_WarehouseOnPostgres_PredictionsLoggedThereBitExact()
    {
        var rows = string.Join(", ", Enumerable.Range(0, 25).Select(i =>
            $$"""{"customer_id": "C-{{i}}", "tenure": {{i * 3}}, "monthly_charges": {{20 + (i * 3.7)}}, "has_partner": {{(i % 2 == 0 ? "true" : "false")}}, "signup_at": {{1600000000 + (i * 86400)}}, "contract": "Month-to-month"}"""));
        var requestId = "pg-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/invocations", UriKind.Relative))
        {
            Content = new StringContent($$"""{"dataframe_records": [{{rows}}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", requestId);
        using var response = await Server.Client.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, (int)response.StatusCode);
        // The model scores in float32 and the answer writes each float's shortest text; the log keeps the float widened to a double.
        var answered = body.GetProperty("predictions").EnumerateArray().Select(p => (double)p.GetSingle()).ToList();

        await Server.Services.GetRequiredService<PredictionLog>().FlushAsync(CancellationToken.None);

        var logged = new List<(string Entity, double Probability, string Source)>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT entity_id, probability, source FROM monitoring.predictions WHERE prediction_id LIKE @id ORDER BY length(entity_id), entity_id", connection);
            command.Parameters.AddWithValue("id", requestId + "%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                logged.Add((reader.GetString(0), reader.GetDouble(1), reader.GetString(2)));
            }
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"C-{i}"), logged.Select(l => l.Entity));
        Assert.Equal(answered.Select(BitConverter.DoubleToInt64Bits), logged.Select(l => BitConverter.DoubleToInt64Bits(l.Probability)));
        Assert.All(logged, l => Assert.Equal("online", l.Source));
        Assert.False(File.Exists(Server.Workspace.Layout.WarehouseFile), "the embedded DuckDB warehouse must stay closed when storage.warehouse names PostgreSQL");
    }
}
