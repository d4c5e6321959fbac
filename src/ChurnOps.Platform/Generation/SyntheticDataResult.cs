namespace ChurnOps.Platform.Generation;

public sealed record SyntheticDataResult(string CustomersFile, string EventsFile, string LabelsFile, int Customers, long Events, int Churned);
