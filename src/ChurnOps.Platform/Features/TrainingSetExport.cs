using System.Data.Common;
using System.Security.Cryptography;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>Writes a training set straight from the warehouse (the engine's bulk export), to a temp name first, so a failure leaves no file.</summary>
internal static class TrainingSetExport
{
    public static async Task<TrainingSetExportResult> WriteAsync(
        IWarehouse warehouse, IQueryFileExport export, TrainingSetQuery query, string entitySql, IReadOnlyList<string> views, string outputPath, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(outputPath).ToLowerInvariant();
        WarehouseFileFormat? format = extension switch
        {
            ".parquet" => WarehouseFileFormat.Parquet,
            ".csv" => WarehouseFileFormat.Csv,
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
            await export.WriteAsync(warehouse, plan.Sql, temp, format.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            File.Delete(temp);
            return TrainingSetExportResult.Fail("training set: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        var rows = await export.CountRowsAsync(warehouse, temp, format.Value, cancellationToken).ConfigureAwait(false);
        string hash;
        await using (var stream = File.OpenRead(temp))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        File.Move(temp, target, overwrite: true);
        return new TrainingSetExportResult(true, null, target, rows, hash, plan.Versions);
    }
}
