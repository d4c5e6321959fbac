using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// One row of the table a request was scored from, kept as parsed so the request path never serialises it: the
/// background writer turns it into the row's inputs JSON. The table must not be changed after it is logged.
/// </summary>
public readonly record struct PredictionInputRow(TabularData Data, int Row);
