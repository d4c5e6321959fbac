using System.Text.Json.Serialization;

namespace ChurnOps.Core.Deployments;

/// <summary>A skipped check (no labels yet) is neither a pass nor a failure: it is reported as skipped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckOutcome>))]
public enum CheckOutcome
{
    Passed,
    Failed,
    Skipped,
}
