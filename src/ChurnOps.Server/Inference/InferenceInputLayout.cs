using System.Runtime.CompilerServices;
using System.Text;

namespace ChurnOps.Server.Inference;

/// <summary>
/// A served model's inputs as the column reader matches them: each name's UTF-8 bytes (compared with the request's
/// bytes, never decoded to a string), worked out once per signature list.
/// </summary>
internal sealed class InferenceInputLayout
{
    private static readonly ConditionalWeakTable<IReadOnlyList<InputSpec>, InferenceInputLayout> Layouts = [];

    private readonly byte[][] _names;

    private InferenceInputLayout(IReadOnlyList<InputSpec> signature)
    {
        Signature = signature;
        _names = new byte[signature.Count][];
        for (var i = 0; i < signature.Count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(signature[i].Name);
        }
    }

    public IReadOnlyList<InputSpec> Signature { get; }

    public int Count => _names.Length;

    public static InferenceInputLayout Of(IReadOnlyList<InputSpec> signature) => Layouts.GetValue(signature, static s => new InferenceInputLayout(s));

    /// <summary>
    /// The position of the input an ASCII name matches case-insensitively, or -1. A name that only a non-ASCII case
    /// mapping would match is not found here; the caller then leaves the request to the full parser.
    /// </summary>
    public int PositionOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(utf8Name, _names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
