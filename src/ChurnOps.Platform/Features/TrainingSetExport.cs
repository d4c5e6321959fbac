using System.Data.Common;
using System.Security.Cryptography;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>Writes a training set straight from the warehouse with COPY, to a temp name first, so a failure leaves no file.</summary>
internal static class TrainingSetExport
{
    public static async Task<TrainingSetExportResult> WriteAsync(
        IWarehouse warehouse, TrainingSetQuery query, string entitySql, IReadOnlyList<string> views, string outputPath, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(outputPath).ToLowerInvariant();
        var format = extension switch
        {
            ".parquet" => "FORMAT PARQUET",
            ".csv" => "FORMAT CSV, HEADER true",
            _ => null,
        };
        if (format is null)
        {
            return TrainingSetExportResult.Fail($"{outputPath}: the output must end in .parquet or .csv");
        }

        var (plan, error) = await query.PrepareAsync(entitySql, views, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return TrainingSetExportResult.Fail(error!);
        }

        var target = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp" + extension;
        try
        {
            await warehouse.ExecuteAsync($"COPY ({plan.Sql}) TO {SqlIdentifier.Literal(temp)} ({format})", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            File.Delete(temp);
            return TrainingSetExportResult.Fail("training set: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        var reader = extension == ".parquet" ? "read_parquet" : "read_csv_auto";
        var rows = Convert.ToInt64(await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {reader}({SqlIdentifier.Literal(temp)})", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        string hash;
        await using (var stream = File.OpenRead(temp))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        File.Move(temp, target, overwrite: true);
        return new TrainingSetExportResult(true, null, target, rows, hash, plan.Versions);
    }
}
