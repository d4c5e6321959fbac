using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>The drift report as `--json` prints it: names instead of enum numbers, p-value and distance apart.</summary>
internal static class DriftReportDocument
{
    public static object From(DriftReport report, string reference, string current) => new
    {
        reference,
        current,
        referenceRows = report.ReferenceRows,
        currentRows = report.CurrentRows,
        datasetDrift = report.DatasetDrift,
        driftShare = report.DriftShare,
        datasetDriftShare = report.DatasetDriftShare,
        featureColumns = report.FeatureColumns,
        driftedFeatureColumns = report.DriftedFeatureColumns,
        columns = report.Columns.Select(c => new
        {
            column = c.Column,
            kind = c.Kind.ToString().ToLowerInvariant(),
            role = c.Role.ToString().ToLowerInvariant(),
            test = DriftTestNames.NameOf(c.Test),
            reason = c.TestReason,
            statistic = c.Statistic,
            pValue = c.PValue,
            distance = c.Distance,
            threshold = c.Threshold,
            drifted = c.Drifted,
            referenceCount = c.ReferenceCount,
            currentCount = c.CurrentCount,
            distinctValues = c.DistinctValues,
            referenceNullShare = c.ReferenceNullShare,
            currentNullShare = c.CurrentNullShare,
            nullShareRose = c.NullShareRose,
            newCategoryCount = c.NewCategoryCount,
            newCategories = c.NewCategories,
            histogram = c.Histogram,
            error = c.Error,
        }),
    };
}
