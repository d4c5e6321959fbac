namespace ChurnOps.Platform.Registry.Cards;

/// <summary>An owning team of the model (from churnops.yaml's teams) and how to reach it.</summary>
public sealed record ModelCardOwner(string Name, string Role, string Contact);
