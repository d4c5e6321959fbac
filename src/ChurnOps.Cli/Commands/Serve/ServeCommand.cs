using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace ChurnOps.Cli.Commands.Serve;

internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port on 127.0.0.1 (default: serving.port in churnops.yaml; 0 = any free port)." };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", "Start the ChurnOps server on a project: inference (/v2), APIs, docs (/docs).");
        command.Options.Add(port);
        command.Options.Add(host);
        ProjectAction.Set(command, async (parse, workspace, _, ct) =>
        {
            var chosenPort = parse.GetValue(port) ?? workspace.Config.Serving.Port;
            if (chosenPort is < 0 or > 65535)
            {
                return CliConsole.Error($"--port must be between 0 and 65535 (got {chosenPort})", 2);
            }

            var app = ChurnOpsServer.Build(workspace, new ServerOptions($"http://{parse.GetValue(host)}:{chosenPort}", ConsoleLogging: true));
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return CliConsole.Error($"cannot listen on port {chosenPort}: {ex.Message}");
            }

            foreach (var url in app.Urls)
            {
                Console.Out.WriteLine($"ChurnOps serving {workspace.Layout.Root} on {url}  (docs: {url}/docs, OpenAPI: {url}/openapi/v1.json)");
            }

            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
