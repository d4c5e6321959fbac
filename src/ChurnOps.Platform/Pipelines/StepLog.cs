using System.Text;

namespace ChurnOps.Platform.Pipelines;

/// <summary>One attempt's log, thread-safe (a shell step writes from two pipes), keeping the last <see cref="MaxChars"/> characters.</summary>
internal sealed class StepLog
{
    public const int MaxChars = 64 * 1024;
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private bool _cut;

    public void Write(string line)
    {
        lock (_gate)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > MaxChars)
            {
                _text.Remove(0, _text.Length - MaxChars);
                _cut = true;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _cut ? "[earlier lines cut]\n" + _text : _text.ToString();
        }
    }
}
