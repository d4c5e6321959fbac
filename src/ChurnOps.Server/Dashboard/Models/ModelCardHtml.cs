using System.Globalization;
using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// A version's model card (the same card `churnops models card` prints as Markdown) as HTML sections, written from the
/// card's data through the encoding writer: no Markdown is parsed, so nothing in a card can become markup.
/// </summary>
internal static class ModelCardHtml
{
    public static void Write(HtmlWriter w, ModelCard? card, string? error)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Element("h2", "Model card", ("id", "card"));
        if (card is null)
        {
            OperationsHtml.Nothing(w, "No model card: " + (error ?? "the version has no recorded evaluation evidence") + ".");
            return;
        }

        var details = card.ModelDetails;
        using (w.Tag("section", ("class", "panel"), ("aria-label", "Model details")))
        {
            w.Element("h3", "Model details");
            w.Element("p", details.Overview);
            using (w.Tag("ul"))
            {
                w.Element("li", $"Version {details.Version.Name}, registered {DashboardFormat.Time(details.Version.Date)} by {details.Version.CreatedBy}; status {details.Status}.");
                if (details.Version.Diff is { Length: > 0 } diff)
                {
                    w.Element("li", diff);
                }

                w.Element("li", "Aliases: " + (details.Aliases.Count == 0 ? "none" : string.Join(", ", details.Aliases)) + ".");
                foreach (var owner in details.Owners)
                {
                    w.Element("li", $"Owner: {owner.Name} ({owner.Role}), {owner.Contact}");
                }
            }
        }

        WriteParameters(w, card.ModelParameters);
        WriteAnalysis(w, card.QuantitativeAnalysis);
        WriteConsiderations(w, card.Considerations);
    }

    private static void WriteParameters(HtmlWriter w, ModelCardParameters parameters)
    {
        w.Element("h3", "Model parameters");
        w.Element("p", $"Architecture: {parameters.ModelArchitecture}. Input: {parameters.InputFormat}. Output: {parameters.OutputFormat}.");
        if (parameters.Hyperparameters.Count > 0)
        {
            using (w.Tag("details"))
            {
                w.Element("summary", $"Hyperparameters ({parameters.Hyperparameters.Count.ToString(CultureInfo.InvariantCulture)})");
                using (OperationsHtml.Table(w, "The winning candidate's hyperparameters.", ["Name", "Value"]))
                {
                    foreach (var (name, value) in parameters.Hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal))
                    {
                        using (w.Tag("tr"))
                        {
                            w.Element("th", name, ("scope", "row"));
                            OperationsHtml.Cell(w, value);
                        }
                    }
                }
            }
        }

        string[] numeric = ["Rows", "Positives", "Positive rate"];
        using (OperationsHtml.Table(w, "The data the model learned from and was tested on.", ["Dataset", "Description", .. numeric, "Dataset version", "Training-set hash"], numeric.ToHashSet()))
        {
            foreach (var data in parameters.Data)
            {
                using (w.Tag("tr"))
                {
                    w.Element("th", data.Name, ("scope", "row"));
                    OperationsHtml.Cell(w, data.Description);
                    OperationsHtml.Cell(w, DashboardFormat.Count(data.Rows), numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Count(data.Positives), numeric: true);
                    OperationsHtml.Cell(w, data.PositiveRate.ToString("P1", CultureInfo.InvariantCulture), numeric: true);
                    OperationsHtml.Cell(w, data.DatasetVersion);
                    OperationsHtml.Cell(w, data.TrainingSetHash is { Length: > 16 } hash ? hash[..16] + "…" : data.TrainingSetHash);
                }
            }
        }

        using (w.Tag("details"))
        {
            w.Element("summary", $"Features ({parameters.Features.Count.ToString(CultureInfo.InvariantCulture)})");
            using (OperationsHtml.Table(w, "The model's inputs and the feature view (version) each comes from.", ["Feature", "Kind", "Feature view", "View version"]))
            {
                foreach (var feature in parameters.Features)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", feature.Name, ("scope", "row"));
                        OperationsHtml.Cell(w, feature.Kind);
                        OperationsHtml.Cell(w, feature.View);
                        OperationsHtml.Cell(w, feature.ViewVersion);
                    }
                }
            }
        }
    }

    private static void WriteAnalysis(HtmlWriter w, ModelCardAnalysis analysis)
    {
        w.Element("h3", "Quantitative analysis");
        w.Element("p", $"On the {analysis.Split} split; {analysis.Method}.", ("class", "muted"));
        var policy = analysis.ThresholdPolicy;
        w.Element("p", policy.Statement, ("class", policy.TargetMet ? "panel" : "notice"));
        string[] numeric = ["Value", "95% interval", "Threshold"];
        using (OperationsHtml.Table(w, "Each metric overall and per segment, with its 95% bootstrap interval.", ["Metric", "Slice", .. numeric, "Note"], numeric.ToHashSet()))
        {
            foreach (var metric in analysis.PerformanceMetrics)
            {
                using (w.Tag("tr"))
                {
                    w.Element("th", metric.Type, ("scope", "row"));
                    OperationsHtml.Cell(w, metric.Slice.Length == 0 ? "overall" : metric.Slice);
                    OperationsHtml.Cell(w, DashboardFormat.Number(metric.Value), numeric: true);
                    OperationsHtml.Cell(w, metric.ConfidenceInterval is { } ci ? $"{DashboardFormat.Number(ci.LowerBound)} – {DashboardFormat.Number(ci.UpperBound)}" : null, numeric: true);
                    OperationsHtml.Cell(w, DashboardFormat.Number(metric.Threshold), numeric: true);
                    OperationsHtml.Cell(w, metric.Note);
                }
            }
        }

        if (analysis.Segments.Count > 0)
        {
            string[] counts = ["Rows", "Positives"];
            using (OperationsHtml.Table(w, "Segments of the test split (model.segments).", ["Column", "Value", .. counts, "Note"], counts.ToHashSet()))
            {
                foreach (var segment in analysis.Segments)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", segment.Column, ("scope", "row"));
                        OperationsHtml.Cell(w, segment.Value);
                        OperationsHtml.Cell(w, DashboardFormat.Count(segment.Rows), numeric: true);
                        OperationsHtml.Cell(w, DashboardFormat.Count(segment.Positives), numeric: true);
                        OperationsHtml.Cell(w, segment.Note);
                    }
                }
            }
        }
    }

    private static void WriteConsiderations(HtmlWriter w, ModelCardConsiderations considerations)
    {
        w.Element("h3", "Considerations");
        foreach (var (title, notes) in new[] { ("Users", considerations.Users), ("Use cases", considerations.UseCases), ("Limitations", considerations.Limitations), ("Tradeoffs", considerations.Tradeoffs) })
        {
            if (notes.Count == 0)
            {
                continue;
            }

            w.Element("h4", title);
            using (w.Tag("ul"))
            {
                foreach (var note in notes)
                {
                    w.Element("li", note.Description);
                }
            }
        }
    }
}
