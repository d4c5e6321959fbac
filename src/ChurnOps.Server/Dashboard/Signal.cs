namespace ChurnOps.Server.Dashboard;

/// <summary>A traffic-light state: green all well, amber look soon, red act now, grey nothing to judge yet.</summary>
internal enum Signal
{
    Grey,
    Green,
    Amber,
    Red,
}
