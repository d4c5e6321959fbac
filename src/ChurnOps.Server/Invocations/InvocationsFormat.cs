namespace ChurnOps.Server.Invocations;

/// <summary>The four JSON input fields of MLflow's scoring protocol (exactly one per request), and the text it refuses others with.</summary>
internal static class InvocationsFormat
{
    public const string DataframeSplit = "dataframe_split";
    public const string DataframeRecords = "dataframe_records";
    public const string Instances = "instances";
    public const string Inputs = "inputs";

    /// <summary>Passed through to a pyfunc model by MLflow; a ChurnOps model takes none, so it is accepted and ignored.</summary>
    public const string Params = "params";

    public const int MaxRows = 100_000;

    public const string RequiredFields =
        "The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";

    public static bool IsFormat(string key) => key is DataframeSplit or DataframeRecords or Instances or Inputs;

    /// <summary>Client text echoed in an error, cut so a megabyte key does not come back as a megabyte message.</summary>
    public static string Cut(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");
}
