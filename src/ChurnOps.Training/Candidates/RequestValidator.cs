using System.Globalization;

namespace ChurnOps.Training.Candidates;

/// <summary>Checks a <see cref="TrainingRequest"/> before any work starts; collects every problem into one message.</summary>
internal static class RequestValidator
{
    public static string? Validate(TrainingRequest request)
    {
        var errors = new List<string>();
        if (request.Data is null || request.Data.RowCount == 0)
        {
            errors.Add("the training data has no rows");
        }
        else if (string.IsNullOrWhiteSpace(request.LabelColumn) || !request.Data.HasColumn(request.LabelColumn))
        {
            errors.Add($"label column '{request.LabelColumn}' not found (columns: {string.Join(", ", request.Data.Columns.Select(c => c.Name))})");
        }

        if (request.Data is not null && request.ExcludeColumns is not null)
        {
            var unknown = request.ExcludeColumns.Where(c => !request.Data.HasColumn(c)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add($"excluded columns not found: {string.Join(", ", unknown)}");
            }
        }

        if (request.Data is not null && request.TestRows is { } testRows)
        {
            if (testRows.Any(r => r < 0 || r >= request.Data.RowCount))
            {
                errors.Add("test rows must be rows of the training data");
            }
            else if (testRows.Distinct().Count() >= request.Data.RowCount)
            {
                errors.Add("the test rows leave no rows to train on");
            }
        }

        if (request.Trainers is null || request.Trainers.Count == 0)
        {
            errors.Add("no trainers requested");
        }
        else
        {
            var unknown = request.Trainers.Where(t => !TrainerCatalog.IsKnown(t)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add($"unknown trainers: {string.Join(", ", unknown)} (known: {string.Join(", ", TrainerCatalog.Names)})");
            }

            var duplicates = request.Trainers.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                errors.Add($"trainers listed twice: {string.Join(", ", duplicates)}");
            }
        }

        if (!(request.TestFraction > 0 && request.TestFraction < 0.5))
        {
            errors.Add($"test fraction must be in (0, 0.5), got {F(request.TestFraction)}");
        }

        if (!(request.ValidationFraction > 0 && request.ValidationFraction < 0.5))
        {
            errors.Add($"validation fraction must be in (0, 0.5), got {F(request.ValidationFraction)}");
        }
        else if (request.TestFraction + request.ValidationFraction >= 0.8)
        {
            errors.Add("test and validation fractions leave less than 20% of rows for training");
        }

        if (request.CrossValidationFolds is < 2 or > 10)
        {
            errors.Add($"cross-validation folds must be between 2 and 10, got {request.CrossValidationFolds}");
        }

        if (request.SearchTrials is < 1 or > 50)
        {
            errors.Add($"search trials must be between 1 and 50, got {request.SearchTrials}");
        }

        if (request.CardinalityCap < 2)
        {
            errors.Add($"cardinality cap must be at least 2, got {request.CardinalityCap}");
        }

        if (request.Threshold?.TargetPrecision is { } target && !(target > 0 && target <= 1))
        {
            errors.Add($"target precision must be in (0, 1], got {F(target)}");
        }

        if (request.Gates is null)
        {
            errors.Add("gates are required (use EvaluationGates.None for no gates)");
        }
        else if (request.Gates.MustBeatChampionBy is not null && request.Gates.ChampionAuc is null)
        {
            errors.Add("must_beat_champion_by needs the champion's AUC");
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
