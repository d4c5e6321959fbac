using ChurnOps.Cli.Commands;

return await CommandCatalog.Build().Parse(args).InvokeAsync().ConfigureAwait(false);

/// <summary>The entry point's class: sealed like every class (the compiler would declare it open).</summary>
internal sealed partial class Program;
