namespace ChurnOps.Platform.Deployments;

/// <summary>Why a deployment request was refused: bad input (400), something unknown (404), or the state forbids it (409).</summary>
public enum DeploymentProblemKind
{
    Invalid,
    NotFound,
    Conflict,
}
