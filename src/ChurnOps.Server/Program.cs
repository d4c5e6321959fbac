using ChurnOps.Server.Hosting;

// The deployable host: dotnet ChurnOps.Server.dll --project DIR [--port N] [--host H] [--log-level L] [--insecure].
// `churnops serve` builds the same app; a bad argument or project is one line on stderr and a non-zero exit.
var (launch, error) = await ServerLaunch.OpenAsync(args, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
if (launch is null)
{
    return ServerStartup.Fail(Console.Error, error!, exitCode: 2);
}

if (launch.Warning is not null)
{
    await Console.Error.WriteLineAsync(launch.Warning).ConfigureAwait(false);
}

var builder = ChurnOpsServer.CreateBuilder(launch.Workspace, launch.Options);
builder.AddChurnOpsServer(launch.Workspace);
var app = builder.Build();
app.MapChurnOpsServer();
return await ServerStartup.RunAsync(app, launch.Workspace.Layout.Root, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);

/// <summary>The entry point's class: sealed like every class (the compiler would declare it open).</summary>
internal sealed partial class Program;
