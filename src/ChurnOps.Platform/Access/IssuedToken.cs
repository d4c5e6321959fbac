using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Access;

/// <summary>A new token and its secret, which exists only here: the store keeps its hash.</summary>
public sealed record IssuedToken(AccessToken Token, string Secret);
