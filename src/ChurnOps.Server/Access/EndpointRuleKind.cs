namespace ChurnOps.Server.Access;

internal enum EndpointRuleKind
{
    /// <summary>Probes and /metrics: answered without credentials, so a load balancer or Prometheus needs none.</summary>
    Open,

    /// <summary>Any authenticated caller.</summary>
    Read,

    /// <summary>The caller's team must be Responsible or Accountable for the activity.</summary>
    Mutation,

    /// <summary>A writing endpoint this table does not know: refused while access control is on (fail closed).</summary>
    Unclassified,
}
