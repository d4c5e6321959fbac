namespace ChurnOps.Core.Retraining;

/// <summary>
/// What fired a retraining: <see cref="Kind"/> is <c>drift</c>, <c>performance</c> or the event type
/// (<c>data.customers.updated</c>); <see cref="Cause"/> is unique per firing (<c>alert:12</c>, <c>event:40</c>), so the
/// same alert or event never starts two retrainings.
/// </summary>
public sealed record RetrainingTrigger(string Kind, string Cause, string Detail);
