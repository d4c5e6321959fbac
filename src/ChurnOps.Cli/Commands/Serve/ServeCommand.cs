using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Access;
using ChurnOps.Server.Hosting;
using ChurnOps.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Serve;

internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port on 127.0.0.1 (default: serving.port in churnops.yaml; 0 = any free port)." };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var insecure = new Option<bool>(ServerExposure.InsecureFlag) { Description = "Allow a non-loopback --host while the project has no access control (no token, no access.jwt); prints a warning." };
        var command = new Command("serve", "Start the ChurnOps server on a project: inference (/v2), APIs, docs (/docs).");
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(insecure);
        ProjectAction.Set(command, async (parse, workspace, _, ct) =>
        {
            var bind = parse.GetValue(host)!;
            var (url, error) = ServerAddress.From(bind, parse.GetValue(port) ?? workspace.Config.Serving.Port);
            if (url is null)
            {
                return CliConsole.Error(error!, 2);
            }

            var authenticated = await workspace.Services.GetRequiredService<AccessGate>().IsOnAsync(ct).ConfigureAwait(false);
            if (ServerExposure.Refusal(bind, parse.GetValue(insecure), authenticated) is { } refusal)
            {
                return CliConsole.Error(refusal, 2);
            }

            var (level, levelError) = GlobalOptions.ReadLogLevel(parse);
            if (levelError is not null)
            {
                return CliConsole.Error(levelError, 2);
            }

            if (ServerExposure.Warning(bind, parse.GetValue(insecure), authenticated) is { } warning)
            {
                await Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
            }

            var app = ChurnOpsServer.Build(workspace, new ServerOptions(url, ConsoleLogging: true, level));
            return await ServerStartup.RunAsync(app, workspace.Layout.Root, Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }
}
