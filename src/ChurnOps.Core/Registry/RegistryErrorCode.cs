namespace ChurnOps.Core.Registry;

/// <summary>The failure kinds the registry reports; each maps to one MLflow error_code.</summary>
public enum RegistryErrorCode
{
    InvalidParameterValue,
    ResourceAlreadyExists,
    ResourceDoesNotExist,
    PermissionDenied,
}
