using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Bench.Training;

/// <summary>Same measurement on any build: CPU of CsvChunkScorer.Score over a CSV in memory, one thread, best of 3.</summary>
internal sealed class BatchScoringChunkCpuHarness : IBenchHarness
{
    public string Name => "batch-scoring-chunk-cpu";

    public string Description => "CsvChunkScorer CPU per 1M rows, one thread (BENCH_MODEL, BENCH_IN)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        ModelPackage package;
        await using (var stream = File.OpenRead(Environment.GetEnvironmentVariable("BENCH_MODEL")!))
        {
            package = await ModelPackage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        using var engine = new ScoringEngine(package, 1);
        var bytes = await File.ReadAllBytesAsync(Environment.GetEnvironmentVariable("BENCH_IN")!, cancellationToken).ConfigureAwait(false);
        var headerEnd = Array.IndexOf(bytes, (byte)'\n') + 1;
        var header = System.Text.Encoding.UTF8.GetString(bytes, 0, headerEnd).TrimEnd().Split(',');
        var (layout, _) = CsvInputLayout.Create(header, engine.Signature, null, "customer_id");
        var scorer = new CsvChunkScorer(engine, layout!, 1, keepForLog: false);
        var chunks = new List<(int Start, int Length)>();
        for (var at = headerEnd; at < bytes.Length;)
        {
            var length = Math.Min(CsvScoringPipeline.DefaultChunkBytes, bytes.Length - at);
            length = at + length == bytes.Length ? length : CsvChunkReader.LastRecordEnd(bytes.AsSpan(at, length));
            chunks.Add((at, length));
            at += length;
        }

        long rows = 0;
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            rows = 0;
            foreach (var (start, length) in chunks)
            {
                var result = scorer.Score(bytes.AsSpan(start, length));
                ArrayPool<byte>.Shared.Return(result.Output!);
                rows += result.Rows;
            }

            best = Math.Min(best, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{package.Metadata.Trainer} compiled {engine.UsesCompiledScorer}: chunk scoring (parse+encode+score+format) {best * 1e6 / rows:F3} CPU s per 1M rows, one thread"));
    }
}
