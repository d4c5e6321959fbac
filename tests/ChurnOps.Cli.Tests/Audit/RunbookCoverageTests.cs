using System.Reflection;
using System.Text.RegularExpressions;
using ChurnOps.Cli.Tests.Architecture;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Audit;

/// <summary>
/// Every alert type the product raises (each <c>new Alert(…)</c> in src/, its type named by a constant) has a runbook,
/// and `churnops init` writes that runbook into the project, so the link on every alert opens a real page.
/// </summary>
public sealed partial class RunbookCoverageTests : IDisposable
{
    private readonly TempDirectory _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Init_EveryAlertTypeRaisedInSource_HasItsRunbookWritten()
    {
        var raised = RaisedAlertTypes();
        await ProjectTemplate.WriteAsync(_project.Path, overwrite: false, CancellationToken.None);

        Assert.Contains("DeploymentRolledBack", raised);
        Assert.Contains("DataSLAViolation", raised);
        Assert.True(raised.Count >= 4, string.Join(", ", raised));
        foreach (var type in raised)
        {
            var runbook = Runbooks.For(type);
            Assert.True(runbook is not null, $"alert type {type} has no runbook in Platform/Alerts/Runbooks.cs");
            var file = Path.Combine(_project.Path, runbook);
            Assert.True(File.Exists(file), $"init did not write {runbook} for alert type {type}");
            Assert.StartsWith("# Runbook", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Runbooks_EveryListedType_IsATemplateFile()
    {
        Assert.All(Runbooks.ByAlertType.Values, path => Assert.Contains(path, ProjectTemplate.Files));
    }

    /// <summary>The type of each <c>new Alert(id, TYPE, …)</c> in src/, TYPE resolved as a constant of a ChurnOps type.</summary>
    private static SortedSet<string> RaisedAlertTypes()
    {
        var constants = SourceTree.LoadAll()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Value: (string)f.GetRawConstantValue()!)))
            .ToLookup(c => c.Name, c => c.Value, StringComparer.Ordinal);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceTree.SrcDirectory(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in NewAlert().Matches(File.ReadAllText(file)))
            {
                var name = match.Groups["type"].Value;
                var values = constants[name].Distinct(StringComparer.Ordinal).ToList();
                Assert.True(values.Count == 1, $"{Path.GetFileName(file)}: alert type '{name}' is not a string constant of a ChurnOps type; name alert types with constants so they can be checked");
                types.Add(values[0]);
            }
        }

        return types;
    }

    // new Alert(0, Alert.DriftDetected, … or the same over several lines; the reader's own "new Alert(reader.GetInt64(0), …" is not a raise.
    [GeneratedRegex(@"new\s+Alert\(\s*0\s*,\s*(?<type>[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)\s*,")]
    private static partial Regex NewAlert();
}
