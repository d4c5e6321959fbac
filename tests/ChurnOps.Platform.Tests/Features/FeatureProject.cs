using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Features;

/// <summary>A real project in a temp dir (SQLite + DuckDB files) with the template written; disposed with its files.</summary>
internal sealed class FeatureProject : IAsyncDisposable
{
    private FeatureProject(string root, ChurnOpsWorkspace workspace)
    {
        Root = root;
        Workspace = workspace;
        Store = workspace.Services.GetRequiredService<FeatureStore>();
    }

    public string Root { get; }

    public ChurnOpsWorkspace Workspace { get; }

    public FeatureStore Store { get; }

    public string FeaturesDir => Workspace.Layout.FeaturesDir;

    /// <summary>
    /// A project; with <paramref name="keepTemplateViews"/> false the template's feature views are removed; with
    /// <paramref name="warehouse"/> (a postgresql:// URL) its warehouse is that database instead of the DuckDB file.
    /// </summary>
    public static async Task<FeatureProject> CreateAsync(bool keepTemplateViews = true, TimeProvider? time = null, string? warehouse = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "churnops-features-" + Guid.NewGuid().ToString("N"));
        var template = await ProjectTemplate.WriteAsync(root, false, CancellationToken.None);
        Assert.Null(template.Error);
        if (warehouse is not null)
        {
            await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), $"\nstorage:\n  warehouse: {warehouse}\n");
        }

        if (!keepTemplateViews)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, "features")))
            {
                File.Delete(file);
            }
        }

        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, time ?? TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        return new FeatureProject(root, workspace!);
    }

    public Task SqlAsync(string sql) => Workspace.Warehouse.ExecuteAsync(sql, CancellationToken.None);

    /// <summary>Writes features/&lt;name&gt;.yaml and .sql.</summary>
    public async Task WriteViewAsync(string name, string sql, string ttl = "10d", string entity = "customer_id", string? created = null, params string[] features)
    {
        var yaml = $"""
            name: {name}
            entity: {entity}
            timestamp: event_timestamp
            {(created is null ? string.Empty : "created_timestamp: " + created)}
            ttl: {ttl}
            owner: test-team
            source: features/{name}.sql
            description: test view
            features:
            {string.Join("\n", features.Select(f => "  - name: " + f))}
            """;
        await File.WriteAllTextAsync(Path.Combine(FeaturesDir, name + ".yaml"), yaml);
        await File.WriteAllTextAsync(Path.Combine(FeaturesDir, name + ".sql"), sql);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled handle; the temp dir is cleaned by the OS.
        }
    }
}
