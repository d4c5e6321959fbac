using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>How a <see cref="Signal"/> looks: a CSS class and a word (colour is never the only cue).</summary>
internal static class SignalStyle
{
    public static string CssClass(Signal signal) => signal switch
    {
        Signal.Green => "ok",
        Signal.Amber => "warn",
        Signal.Red => "bad",
        _ => "neutral",
    };

    public static string Word(Signal signal) => signal switch
    {
        Signal.Green => "healthy",
        Signal.Amber => "attention",
        Signal.Red => "failing",
        _ => "no data",
    };

    public static void Pill(HtmlWriter w, Signal signal, string? text = null) =>
        w.Element("span", text ?? Word(signal), ("class", "pill " + CssClass(signal)));
}
