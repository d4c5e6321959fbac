namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml: the project's model, gates, teams, serving and logging settings. Keys are snake_case in YAML.</summary>
public sealed class ProjectConfig
{
    public string Project { get; set; } = "churn";

    public ModelSettings Model { get; set; } = new();

    public Dictionary<string, double> Gates { get; set; } = new(StringComparer.Ordinal);

    public List<TeamSettings> Teams { get; set; } = [];

    public ServingSettings Serving { get; set; } = new();

    public LoggingSettings Logging { get; set; } = new();

    public ChurnOps.Platform.Registry.RegistrySettings Registry { get; set; } = new();
    public MonitoringSettings Monitoring { get; set; } = new();
    public DeploymentSettings Deployments { get; set; } = new();
    public Pipelines.PipelineSettings Pipelines { get; set; } = new();
    public StorageSettings Storage { get; set; } = new();
    public Access.AccessSettings Access { get; set; } = new();

    /// <summary>Every problem at once, as "path: message" lines; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Project))
        {
            errors.Add("project: is required");
        }

        if (string.IsNullOrWhiteSpace(Model.Name))
        {
            errors.Add("model.name: is required");
        }

        if (string.IsNullOrWhiteSpace(Model.Label))
        {
            errors.Add("model.label: is required");
        }

        if (string.IsNullOrWhiteSpace(Model.Entity))
        {
            errors.Add("model.entity: is required");
        }

        if (!IsQualifiedName(Model.Labels))
        {
            errors.Add($"model.labels: '{Model.Labels}' must be schema.table (e.g. staging.labels)");
        }

        if (!IsName(Model.LabelTime))
        {
            errors.Add($"model.label_time: '{Model.LabelTime}' must be a column name (letters, digits, _)");
        }

        if (Model.Trainers.Count == 0)
        {
            errors.Add("model.trainers: name at least one trainer");
        }

        if (Model.TestFraction is <= 0 or >= 0.5)
        {
            errors.Add("model.test_fraction: must be in (0, 0.5)");
        }

        if (Serving.Port is < 0 or > 65535)
        {
            errors.Add("serving.port: must be between 0 and 65535");
        }

        if (Serving.PoolSize is < 1 or > 1024)
        {
            errors.Add("serving.pool_size: must be between 1 and 1024");
        }

        errors.AddRange(Logging.Validate("logging"));
        errors.AddRange(Registry.Validate(Teams));
        errors.AddRange(Monitoring.Validate("monitoring"));
        errors.AddRange(Deployments.Validate("deployments"));
        errors.AddRange(Pipelines.Validate("pipelines"));
        errors.AddRange(Teams.SelectMany((team, i) => team.Validate($"teams[{i}]")));
        errors.AddRange(Access.Validate(Teams, "access"));
        return errors;
    }

    private static bool IsQualifiedName(string? value) =>
        value?.Split('.') is [var schema, var table] && IsName(schema) && IsName(table);

    private static bool IsName(string? value) =>
        value is { Length: > 0 and <= 128 } && (char.IsAsciiLetter(value[0]) || value[0] == '_') && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
