namespace ChurnOps.Core.Registry;

/// <summary>An expected registry failure (unknown model, duplicate name, missing approval), returned as a value.</summary>
public sealed record RegistryError(RegistryErrorCode Code, string Message)
{
    public static RegistryError Invalid(string message) => new(RegistryErrorCode.InvalidParameterValue, message);

    public static RegistryError NotFound(string message) => new(RegistryErrorCode.ResourceDoesNotExist, message);

    public static RegistryError AlreadyExists(string message) => new(RegistryErrorCode.ResourceAlreadyExists, message);

    public static RegistryError Denied(string message) => new(RegistryErrorCode.PermissionDenied, message);

    public static RegistryError ModelNotFound(string name) => NotFound($"Registered Model with name={name} not found");

    public static RegistryError VersionNotFound(string name, int version) => NotFound($"Model Version (name={name}, version={version}) not found");
}
