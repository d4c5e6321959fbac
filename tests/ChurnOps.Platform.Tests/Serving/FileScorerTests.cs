using System.Globalization;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Serving;

/// <summary>File scoring against a real project (SQLite registry, DuckDB warehouse, artifact store) and real files.</summary>
public sealed class FileScorerTests(ScoredModelFixture fixture) : IClassFixture<ScoredModelFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ScoreAsync_CsvFile_EqualsServerScoresRowByRow()
    {
        var output = OutputPath("scored.csv");

        var result = await Scorer().ScoreAsync(Request("churn", fixture.CsvPath, output), None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ScoredModelFixture.Rows, result.Rows);
        Assert.Equal("customer_id", result.IdColumn);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("customer_id,probability,label,model_version", lines[0]);
        Assert.Equal(ScoredModelFixture.Rows + 1, lines.Length);
        using var engine = new ScoringEngine(fixture.Package, 2);
        for (var r = 1; r < lines.Length; r++)
        {
            var expected = engine.Score(ScoredModelFixture.RequestRow(fixture.CsvLines[0], fixture.CsvLines[r]));
            Assert.True(expected.Succeeded, expected.Error);
            var parts = lines[r].Split(',');
            Assert.Equal(fixture.CsvLines[r].Split(',')[0], parts[0]);
            Assert.Equal(expected.Probability, float.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Label ? "1" : "0", parts[2]);
            Assert.Equal("1", parts[3]);
        }
    }

    [Fact]
    public async Task ScoreAsync_ParquetInAndOut_SameRowsAsCsv()
    {
        var csv = OutputPath("reference.csv");
        var parquet = OutputPath("scored.parquet");
        Assert.True((await Scorer().ScoreAsync(Request("churn", fixture.CsvPath, csv), None)).Succeeded);
        var input = OutputPath("input.parquet");
        await fixture.Project.Workspace.Warehouse.ExecuteAsync($"COPY (SELECT * FROM read_csv('{fixture.CsvPath}')) TO '{input}' (FORMAT parquet)", None);

        var result = await Scorer().ScoreAsync(Request("churn:1", input, parquet), None);

        Assert.True(result.Succeeded, result.Error);
        var differing = await fixture.Project.CountAsync($$"""
            SELECT count(*) FROM (
              SELECT customer_id, probability, label, model_version FROM read_parquet('{{parquet}}')
              EXCEPT ALL
              SELECT customer_id, probability, label, model_version FROM read_csv('{{csv}}', types = {'probability': 'FLOAT', 'label': 'INTEGER'}))
            """);
        Assert.Equal(0, differing);
        Assert.Equal(ScoredModelFixture.Rows, await fixture.Project.CountAsync($"SELECT count(*) FROM read_parquet('{parquet}')"));
    }

    [Fact]
    public async Task ScoreAsync_Log_AppendsEveryPredictionToMonitoring()
    {
        var before = await fixture.Project.CountOrZeroAsync("monitoring", "predictions");

        var result = await Scorer().ScoreAsync(Request("churn@champion", fixture.CsvPath, OutputPath("logged.csv")) with { Log = true }, None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ScoredModelFixture.Rows, result.LoggedRows);
        Assert.Equal(before + ScoredModelFixture.Rows, await fixture.Project.CountOrZeroAsync("monitoring", "predictions"));
        Assert.Equal(1, await fixture.Project.CountAsync("SELECT count(*) FROM monitoring.predictions WHERE entity_id = 'C000000' AND model_version = 1"));
    }

    [Fact]
    public async Task ScoreAsync_ExtraColumnsAndOtherOrder_IgnoredAndSameScores()
    {
        var header = fixture.CsvLines[0].Split(',');
        var lines = fixture.CsvLines.Take(200).Select(l => "x," + string.Join(',', Unquote(l).Split(',').Reverse())).ToList();
        lines[0] = "note," + string.Join(',', header.Reverse());
        var input = fixture.Project.WriteFile("reordered.csv", string.Join("\r\n", lines) + "\r\n");
        var output = OutputPath("reordered-out.csv");

        var result = await Scorer().ScoreAsync(Request("churn", input, output) with { IdColumn = "customer_id" }, None);

        Assert.True(result.Succeeded, result.Error);
        using var engine = new ScoringEngine(fixture.Package, 1);
        var scored = await File.ReadAllLinesAsync(output);
        Assert.Equal(200, scored.Length);
        for (var r = 1; r < 200; r++)
        {
            var expected = engine.Score(ScoredModelFixture.RequestRow(fixture.CsvLines[0], Unquote(fixture.CsvLines[r])));
            Assert.Equal(expected.Probability, float.Parse(scored[r].Split(',')[1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task RunAsync_TinyChunksAndQuotedLineBreaks_SameOutputAsOneChunk()
    {
        var lines = fixture.CsvLines.Take(300).Select((l, i) => i % 11 == 5 ? l.Replace(",Two year,", ",\"Two\nyear\",", StringComparison.Ordinal) : l);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines));
        using var engine = new ScoringEngine(fixture.Package, 1);

        var whole = await RunPipelineAsync(engine, bytes, 1 << 20);
        var tiny = await RunPipelineAsync(engine, bytes, 64);

        Assert.Null(whole.Error);
        Assert.Equal(299, whole.Rows);
        Assert.Equal(whole.Text, tiny.Text);
    }

    [Fact]
    public async Task RunAsync_RegisteredPackageWithStoredForm_SameBytesAsProbedPathOnQuotesBlanksAndCrlf()
    {
        // Quoted cells (one with a doubled quote), blank numbers, CRLF line ends: scored from the registered package's
        // stored compiled form and from the in-memory package that is compiled and probed against ML.NET.
        var lines = fixture.CsvLines.Take(600).Select((l, i) => i % 13 == 6 ? l.Replace(",Two year", ",\"Two \"\"year\"\"\"", StringComparison.Ordinal) : l)
            .Select((l, i) => i > 0 && i % 9 == 4 ? string.Join(',', l.Split(',').Select((cell, c) => c == 1 ? string.Empty : cell)) : l);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
        using var artifact = new MemoryStream();
        await using (var source = (await fixture.Project.Workspace.Artifacts.OpenReadAsync("models/churn/1/model.zip", None))!)
        {
            await source.CopyToAsync(artifact);
        }

        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(artifact.ToArray())))
        {
            Assert.NotNull(zip.GetEntry("compiled.bin"));
        }

        artifact.Position = 0;
        var stored = await ChurnOps.Training.Packaging.ModelPackage.LoadAsync(artifact, None);
        using var fromForm = new ScoringEngine(stored, 1);
        using var probed = new ScoringEngine(fixture.Package, 1);

        var formOutput = await RunPipelineAsync(fromForm, bytes, 1 << 14);
        var probedOutput = await RunPipelineAsync(probed, bytes, 1 << 14);

        Assert.Null(formOutput.Error);
        Assert.Equal(599, formOutput.Rows);
        Assert.Equal(probedOutput.Text, formOutput.Text);
    }

    [Theory]
    [InlineData("missing.csv", "missing.csv: not found")]
    [InlineData("customers.txt", "customers.txt: the input must end in .csv or .parquet")]
    public async Task ScoreAsync_BadInputPath_PreciseErrorAndNoOutput(string name, string expected)
    {
        var output = OutputPath("never.csv");

        var result = await Scorer().ScoreAsync(Request("churn", Path.Combine(Path.GetDirectoryName(fixture.CsvPath)!, name), output), None);

        Assert.False(result.Succeeded);
        Assert.EndsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("nobody", "model 'nobody' is not registered")]
    [InlineData("churn@staging", "model 'churn' has no version with alias 'staging'")]
    [InlineData("churn:7", "model 'churn' has no version 7 (versions: 1)")]
    public async Task ScoreAsync_UnknownModel_PreciseErrorAndNoOutput(string model, string expected)
    {
        var output = OutputPath("never-" + model.Replace(':', '_') + ".csv");

        var result = await Scorer().ScoreAsync(Request(model, fixture.CsvPath, output), None);

        Assert.Equal(expected, result.Error);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("customer_id,tenure,has_partner,signup_at,contract\nC1,3,true,2025-01-01,One year\n", "missing column(s) the model needs: 'monthly_charges'")]
    [InlineData("customer_id,tenure,monthly_charges,has_partner,signup_at,contract\nC1,3,20.5,true,2025-01-01,One year\nC2,4,21.5,true,2025-01-01\n", "line 3: has 5 field(s), the header has 6")]
    [InlineData("customer_id,tenure,monthly_charges,has_partner,signup_at,contract\nC1,3,20.5,true,2025-01-01,One year\nC2,4,lots,true,2025-01-01,One year\n", "line 3: column 'monthly_charges': 'lots' is not a number")]
    [InlineData("customer_id,tenure,monthly_charges,has_partner,signup_at,contract\nC1,3,20.5,maybe,2025-01-01,One year\n", "line 2: column 'has_partner': 'maybe' is not a boolean (true/false/1/0)")]
    [InlineData("customer_id,tenure,monthly_charges,has_partner,signup_at,contract\nC1,3,20.5,true,soon,One year\n", "line 2: column 'signup_at': 'soon' is not a timestamp")]
    [InlineData("customer_id,tenure,monthly_charges,has_partner,signup_at,contract\nC1,3,20.5,true,2025-01-01,\"One year\n", "line 2: a quoted field is not closed")]
    [InlineData("", "the file is empty (expected a header line)")]
    public async Task ScoreAsync_BadContent_PreciseErrorAndNoOutput(string content, string expected)
    {
        var input = fixture.Project.WriteFile($"bad-{Guid.NewGuid():N}.csv", content);
        var output = OutputPath($"bad-{Guid.NewGuid():N}.csv");

        var result = await Scorer().ScoreAsync(Request("churn", input, output), None);

        Assert.Equal($"{input}: {expected}", result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output) + "*"));
    }

    [Fact]
    public async Task ScoreAsync_OutputIsADirectory_PreciseErrorAndNothingLeftBehind()
    {
        var output = OutputPath("taken.csv");
        Directory.CreateDirectory(output);

        var result = await Scorer().ScoreAsync(Request("churn", fixture.CsvPath, output), None);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"{output}: cannot write: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output) + "*"));
    }

    [Fact]
    public async Task ScoreAsync_HeaderOnly_WritesHeaderAndZeroRows()
    {
        var input = fixture.Project.WriteFile("header-only.csv", fixture.CsvLines[0] + "\n");
        var output = OutputPath("empty.csv");

        var result = await Scorer().ScoreAsync(Request("churn", input, output), None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.Rows);
        Assert.Equal(["customer_id,probability,label,model_version"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task ScoreAsync_BadRowFarIntoTheFile_NamesItsLineAcrossChunks()
    {
        var lines = fixture.CsvLines.ToList();
        lines[1200] = lines[1200].Replace(",true,", ",yes please,", StringComparison.Ordinal).Replace(",false,", ",yes please,", StringComparison.Ordinal);
        var input = fixture.Project.WriteFile("late-bad.csv", string.Join("\n", lines) + "\n");
        using var engine = new ScoringEngine(fixture.Package, 1);

        var outcome = await RunPipelineAsync(engine, await File.ReadAllBytesAsync(input), 4096);

        Assert.Equal("line 1201: column 'has_partner': 'yes please' is not a boolean (true/false/1/0)", outcome.Error);
    }

    [Theory]
    [InlineData("churn", "churn", "champion", null)]
    [InlineData("churn@challenger", "churn", "challenger", null)]
    [InlineData("churn:3", "churn", null, 3)]
    public void Parse_ValidReference_NameAliasOrVersion(string text, string name, string? alias, int? version)
    {
        var (reference, error) = ModelReference.Parse(text, "champion");

        Assert.Null(error);
        Assert.Equal(new ModelReference(name, alias, version), reference);
    }

    [Theory]
    [InlineData("churn:x", "model 'churn:x': the version after ':' must be a positive whole number")]
    [InlineData("churn:0", "model 'churn:0': the version after ':' must be a positive whole number")]
    [InlineData("churn@", "model 'churn@': the alias after '@' is empty")]
    [InlineData("@champion", "model '@champion': the model name is empty (expected NAME, NAME@ALIAS or NAME:VERSION)")]
    [InlineData("churn@a:1", "model 'churn@a:1': give either @ALIAS or :VERSION, not both")]
    public void Parse_BadReference_PreciseError(string text, string expected)
    {
        var (reference, error) = ModelReference.Parse(text, "champion");

        Assert.Null(reference);
        Assert.Equal(expected, error);
    }

    private static string Unquote(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\"([^\"]*), paid\"", "$1");

    private FileScorer Scorer() => fixture.Project.Workspace.Services.GetRequiredService<FileScorer>();

    private string OutputPath(string name) => Path.Combine(fixture.Project.Root, "out", Guid.NewGuid().ToString("N")[..8] + "-" + name);

    private static FileScoreRequest Request(string model, string input, string output) =>
        new(ModelReference.Parse(model, "champion").Reference!, input, output, null, false);

    private static async Task<(string? Error, long Rows, string Text)> RunPipelineAsync(ScoringEngine engine, byte[] input, int chunkBytes)
    {
        using var source = new MemoryStream(input);
        using var sink = new MemoryStream();
        var outcome = await CsvScoringPipeline.RunAsync(engine, 1, source, sink, null, "customer_id", false, chunkBytes, None);
        return (outcome.Error, outcome.Rows, System.Text.Encoding.UTF8.GetString(sink.ToArray()));
    }
}
