namespace ChurnOps.Core.Tracking;

/// <summary>The failure kinds the tracking API reports; each maps to one MLflow error_code.</summary>
public enum TrackingErrorCode
{
    InvalidParameterValue,
    ResourceAlreadyExists,
    ResourceDoesNotExist,
}
