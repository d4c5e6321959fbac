namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>Closes what <see cref="HtmlWriter.Tag"/> opened (and anything left open inside it) when disposed.</summary>
internal readonly struct TagScope(HtmlWriter writer, int depth) : IDisposable
{
    public void Dispose() => writer.CloseTo(depth);
}
