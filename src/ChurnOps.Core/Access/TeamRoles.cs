namespace ChurnOps.Core.Access;

/// <summary>The roles a team can have (`teams[].role`), as the seeds name the people around a model in production.</summary>
public static class TeamRoles
{
    public const string DataEngineering = "data-engineering";
    public const string DataScience = "data-science";
    public const string MlEngineering = "ml-engineering";
    public const string Mlops = "mlops";
    public const string Devops = "devops";
    public const string SoftwareEngineering = "software-engineering";
    public const string Product = "product";

    public static IReadOnlyList<string> All { get; } = [DataEngineering, DataScience, MlEngineering, Mlops, Devops, SoftwareEngineering, Product];
}
