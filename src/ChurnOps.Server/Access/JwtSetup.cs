using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Access;

/// <summary>The JWT validator built from access.jwt at start (null when not configured), or why its keys could not be read.</summary>
internal sealed class JwtSetup
{
    public JwtSetup(ChurnOpsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Config.Access.Jwt is not { } settings)
        {
            Errors = [];
            return;
        }

        var (keys, errors) = JwtKeys.Load(workspace.Layout.Root, settings.SigningKeys);
        Errors = errors;
        Validator = errors.Count == 0 ? new JwtValidator(settings, workspace.Config, keys, workspace.Time) : null;
    }

    public JwtValidator? Validator { get; }

    public IReadOnlyList<string> Errors { get; }
}
