namespace ChurnOps.Server.Invocations;

/// <summary>
/// A refused scoring request in MLflow's words: the status, MLflow's error code (BAD_REQUEST for a request the model
/// cannot take, INVALID_PARAMETER_VALUE for a body that is not valid input at all) and one precise message.
/// </summary>
internal sealed record ScoringProtocolError(int Status, string ErrorCode, string Message)
{
    public static ScoringProtocolError BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BAD_REQUEST", message);

    public static ScoringProtocolError InvalidInput(string message) => new(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", "Invalid input. " + message);

    /// <summary>The body as MLflow's scoring server writes it: {"error_code": ..., "message": ...}.</summary>
    public IResult ToResult() =>
        Results.Json(new Dictionary<string, string> { ["error_code"] = ErrorCode, ["message"] = Message }, statusCode: Status);
}
