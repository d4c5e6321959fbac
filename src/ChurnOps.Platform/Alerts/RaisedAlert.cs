using ChurnOps.Core.Alerts;

namespace ChurnOps.Platform.Alerts;

/// <summary>
/// The outcome of raising an alert: the alert (new, or the open one of the same cause), whether it is new (only a new
/// alert is delivered), and the sinks that could not deliver it.
/// </summary>
public sealed record RaisedAlert(Alert Alert, bool Created, IReadOnlyList<string> DeliveryErrors);
