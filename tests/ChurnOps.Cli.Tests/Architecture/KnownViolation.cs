namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>A rule the code breaks today, named exactly as the check reports it, with the issue that removes it.</summary>
internal sealed record KnownViolation(string Violation, string WaitsFor);
