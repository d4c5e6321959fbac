using System.Globalization;
using System.Text;

namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Renders a <see cref="ModelCard"/> as Markdown, section by section in the card's own order.</summary>
public static class ModelCardMarkdown
{
    public static string Render(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var md = new StringBuilder();
        var d = card.ModelDetails;
        md.AppendLine(CultureInfo.InvariantCulture, $"# Model card: {d.Name} version {d.Version.Name}").AppendLine();
        md.AppendLine("## Model details").AppendLine();
        md.AppendLine(d.Overview).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Version: {d.Version.Name}, registered {d.Version.Date.ToString("u", CultureInfo.InvariantCulture)} by {d.Version.CreatedBy}");
        if (d.Version.Diff is { Length: > 0 } diff)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Selection: {diff}");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- Status: {d.Status}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Aliases: {(d.Aliases.Count == 0 ? "none" : string.Join(", ", d.Aliases))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Artifact: `{d.Path}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Owners: {(d.Owners.Count == 0 ? "none named in churnops.yaml" : string.Join("; ", d.Owners.Select(o => $"{o.Name} ({o.Role}, {o.Contact})")))}").AppendLine();

        var c = card.Considerations;
        md.AppendLine("## Considerations").AppendLine();
        List("Intended use", c.UseCases);
        List("Users", c.Users);
        List("Limitations", c.Limitations);
        List("Tradeoffs", c.Tradeoffs);

        var p = card.ModelParameters;
        md.AppendLine("## Model parameters").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Architecture: {p.ModelArchitecture}");
        if (p.Hyperparameters.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Hyper-parameters: {string.Join(", ", p.Hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"))}");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- Input: {p.InputFormat}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Output: {p.OutputFormat}").AppendLine();
        md.AppendLine("### Training data").AppendLine();
        md.AppendLine("| dataset | rows | positives | positive rate | dataset version | training-set hash | description |");
        md.AppendLine("|---|---:|---:|---:|---|---|---|");
        foreach (var data in p.Data)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {data.Name} | {data.Rows:N0} | {data.Positives:N0} | {ModelCardBuilder.Percent(data.PositiveRate)} | {data.DatasetVersion ?? "not recorded"} | {data.TrainingSetHash ?? "not recorded"} | {Cell(data.Description)} |");
        }

        md.AppendLine().AppendLine("### Features").AppendLine();
        md.AppendLine("| feature | kind | feature view | view version |");
        md.AppendLine("|---|---|---|---|");
        foreach (var feature in p.Features)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {feature.Name} | {feature.Kind} | {feature.View ?? "not recorded"} | {feature.ViewVersion ?? "not recorded"} |");
        }

        var q = card.QuantitativeAnalysis;
        md.AppendLine().AppendLine("## Quantitative analysis").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"On the {q.Split} split. Confidence intervals: {q.Method}.").AppendLine();
        md.AppendLine("| metric | slice | value | 95% CI | threshold | note |");
        md.AppendLine("|---|---|---:|---|---:|---|");
        foreach (var metric in q.PerformanceMetrics)
        {
            var interval = metric.ConfidenceInterval is { } ci ? $"[{ModelCardBuilder.Number(ci.LowerBound)}, {ModelCardBuilder.Number(ci.UpperBound)}]" : "-";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {metric.Type} | {(metric.Slice.Length == 0 ? "overall" : metric.Slice)} | {(metric.Value is { } v ? ModelCardBuilder.Number(v) : "undefined")} | {interval} | {ModelCardBuilder.Number(metric.Threshold)} | {Cell(metric.Note ?? string.Empty)} |");
        }

        md.AppendLine().AppendLine("### Threshold policy").AppendLine();
        md.AppendLine(q.ThresholdPolicy.Statement).AppendLine();
        if (q.Segments.Count > 0)
        {
            md.AppendLine("### Segments").AppendLine();
            md.AppendLine("| column | value | test rows | positives | note |");
            md.AppendLine("|---|---|---:|---:|---|");
            foreach (var segment in q.Segments)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {segment.Column} | {Cell(segment.Value)} | {segment.Rows:N0} | {segment.Positives:N0} | {Cell(segment.Note ?? "metrics above")} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Approval history").AppendLine();
        if (card.ApprovalHistory.Count == 0)
        {
            md.AppendLine("No sign-off or rejection recorded.");
        }

        foreach (var approval in card.ApprovalHistory)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {approval.At.ToString("u", CultureInfo.InvariantCulture)}: {approval.Decision} by {approval.Actor} for {approval.Team}{(approval.Note is { Length: > 0 } note ? ": " + note : string.Empty)}");
        }

        return md.ToString();

        void List(string title, IReadOnlyList<ModelCardNote> notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
            foreach (var note in notes)
            {
                md.AppendLine("- " + note.Description);
            }

            md.AppendLine();
        }
    }

    /// <summary>Keeps a value inside its table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
