namespace ChurnOps.Server.Deployments;

/// <summary>The answer's deployment headers, the same for every protocol: x-deployment "ID/arm" for clients, x-deployment-arm for /metrics.</summary>
internal static class DeploymentHeaders
{
    public static void Set(IHeaderDictionary headers, ArmTicket? arm)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (arm is null)
        {
            return;
        }

        headers["x-deployment"] = arm.Header;
        headers[Metrics.ServingMetricsMiddleware.ArmHeader] = arm.Arm;
    }
}
