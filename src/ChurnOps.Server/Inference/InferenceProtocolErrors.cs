using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Says what a refused request body got wrong in the Open Inference Protocol's words: broken JSON by line and column, a
/// value of the wrong JSON type by its place in the request and what belongs there ("inputs[2].shape: expected an array
/// of integers"). The serializer's own messages name .NET types, which mean nothing to a client.
/// </summary>
internal static partial class InferenceProtocolErrors
{
    public static string Describe(ReadOnlySequence<byte> body, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (SyntaxError(body) is { } syntax)
        {
            return syntax;
        }

        var place = Place(error.Path);
        return $"{(place.Length == 0 ? "request" : place)}: expected {Expectation(place)}";
    }

    /// <summary>The JSON reader's own complaint (it names tokens and positions, not types), or null when the body is valid JSON.</summary>
    private static string? SyntaxError(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            var message = ex.Message.Split(" LineNumber:")[0].TrimEnd();
            return $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {message}";
        }
    }

    /// <summary>"$.inputs[2].shape[0]" becomes "inputs[2].shape"; an element of a typed array is reported as its array.</summary>
    private static string Place(string? path)
    {
        var place = (path ?? "$").TrimStart('$').TrimStart('.');
        while (!TensorPlace().IsMatch(place) && LeafIndex().IsMatch(place))
        {
            place = LeafIndex().Replace(place, string.Empty);
        }

        return place;
    }

    private static string Expectation(string place)
    {
        var property = place.Length == 0 ? string.Empty : place[(place.LastIndexOf('.') + 1)..];
        return property switch
        {
            "" => "a JSON object with an \"inputs\" array",
            "id" or "name" or "datatype" => "a string",
            "shape" => "an array of integers",
            "parameters" => "an object",
            "outputs" => "an array of output objects",
            "data" => "an array of values",
            "inputs" => "an array of tensor objects",
            _ when TensorPlace().IsMatch(place) => "a tensor object with \"name\", \"shape\", \"datatype\" and \"data\"",
            _ => "a different JSON type",
        };
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex LeafIndex();

    [GeneratedRegex(@"^inputs\[\d+\]$")]
    private static partial Regex TensorPlace();
}
