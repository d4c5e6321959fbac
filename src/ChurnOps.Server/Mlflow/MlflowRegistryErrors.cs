using ChurnOps.Core.Registry;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// Registry failures as MLflow answers them: 404 RESOURCE_DOES_NOT_EXIST, 400 RESOURCE_ALREADY_EXISTS or
/// INVALID_PARAMETER_VALUE, and 403 PERMISSION_DENIED when the approval rule refuses (serving alias, Production).
/// </summary>
internal static class MlflowRegistryErrors
{
    public static IResult ToResult(RegistryError error) => error.Code switch
    {
        RegistryErrorCode.PermissionDenied => Results.Json(
            new Dictionary<string, string> { ["error_code"] = "PERMISSION_DENIED", ["message"] = error.Message },
            MlflowJson.Options,
            statusCode: StatusCodes.Status403Forbidden),
        RegistryErrorCode.ResourceDoesNotExist => MlflowErrors.NotFound(error.Message),
        RegistryErrorCode.ResourceAlreadyExists => Results.Json(
            new Dictionary<string, string> { ["error_code"] = "RESOURCE_ALREADY_EXISTS", ["message"] = error.Message },
            MlflowJson.Options,
            statusCode: StatusCodes.Status400BadRequest),
        _ => MlflowErrors.Invalid(error.Message),
    };
}
