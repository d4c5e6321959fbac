using System.Text.Json.Serialization;

namespace ChurnOps.Core.Deployments;

/// <summary>Where a deployment stands. Active and paused deployments hold the model's serving endpoint; the others are history.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeploymentStatus>))]
public enum DeploymentStatus
{
    Active,
    Paused,
    Completed,
    RolledBack,
}
