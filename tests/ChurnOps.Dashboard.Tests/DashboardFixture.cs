using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace ChurnOps.Dashboard.Tests;

/// <summary>
/// The quickstart's project (2,000 customers, seed 42), the real server over it on a free loopback port, and one headless
/// Debian Chromium driven by Playwright. Playwright's driver comes with its NuGet package; the browser is the system's
/// (scripts/install-prereqs.sh installs it) and is never downloaded.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory _temp = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public static DateTimeOffset AsOf { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public string ProjectDir => _temp.Sub("project");

    public QuickstartSummary Quickstart { get; private set; } = null!;

    internal ChurnOpsWorkspace Workspace { get; private set; } = null!;

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The running server's services (its stores), for tests that add what the quickstart does not make.</summary>
    public IServiceProvider Services => _app!.Services;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the dashboard's browser tests drive Debian's Chromium; run 'bash scripts/install-prereqs.sh'.");
        }

        // The tests add loads; the server's own scheduler must not start a training pipeline on them behind their back.
        Environment.SetEnvironmentVariable("CHURNOPS__PIPELINES__RUN_IN_SERVE", "false");
        var (summary, error) = await new QuickstartRunner(TimeProvider.System)
            .RunAsync(new QuickstartOptions(ProjectDir, 2000, 42, AsOf, "tester"), null, CancellationToken.None);
        Quickstart = summary ?? throw new InvalidOperationException("quickstart failed: " + error);
        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(ProjectDir, TimeProvider.System, CancellationToken.None);
        Workspace = workspace ?? throw new InvalidOperationException(openError);
        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };

        // Belt and braces: nothing in this process may fetch a browser.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>A fresh page (own context) at a viewport; light or dark colour scheme.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _temp.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChurnOps.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
