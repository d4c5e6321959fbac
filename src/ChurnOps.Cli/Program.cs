using ChurnOps.Cli.Commands;

return await CommandCatalog.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
