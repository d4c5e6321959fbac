using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>MLflow's error body and status: 404 for a missing resource, 400 for everything a client got wrong.</summary>
internal static class MlflowErrors
{
    public static IResult ToResult(TrackingError error) => error.Code switch
    {
        TrackingErrorCode.ResourceDoesNotExist => Body(StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST", error.Message),
        TrackingErrorCode.ResourceAlreadyExists => Body(StatusCodes.Status400BadRequest, "RESOURCE_ALREADY_EXISTS", error.Message),
        _ => Body(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", error.Message),
    };

    public static IResult Invalid(string message) => Body(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", message);

    public static IResult NotFound(string message) => Body(StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST", message);

    public static IResult PermissionDenied(string message) => Body(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message);

    public static IResult NotImplemented(string message) => Body(StatusCodes.Status501NotImplemented, "NOT_IMPLEMENTED", message);

    /// <summary>An MLflow error body with a status of its own (413 for a body over the limit).</summary>
    public static IResult Status(int status, string code, string message) => Body(status, code, message);

    public static IResult Invalid(IReadOnlyList<string> errors) => Invalid(string.Join(" ", errors));

    private static IResult Body(int status, string code, string message) =>
        Results.Json(new Dictionary<string, string> { ["error_code"] = code, ["message"] = message }, MlflowJson.Options, statusCode: status);
}
