using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// Binds <see cref="ProjectConfig"/> from the merged configuration and validates it, reporting the binding problems
/// (values of the wrong type, unknown keys) and the range checks together, once, at start (ValidateOnStart).
/// </summary>
internal sealed class ProjectConfigOptions(IConfigurationRoot configuration) : IConfigureOptions<ProjectConfig>, IValidateOptions<ProjectConfig>
{
    private IReadOnlyList<string> _errors = [];

    public void Configure(ProjectConfig options) => _errors = ChurnOpsConfiguration.Bind(configuration, options);

    public ValidateOptionsResult Validate(string? name, ProjectConfig options) =>
        _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
