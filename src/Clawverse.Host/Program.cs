using Clawverse.Host;
using Clawverse.Host.Admin;

// `clawverse admin <verb>`: the operator's commands, over the same settings and database as the server,
// without starting it.
if (args is ["admin", ..])
{
    return await AdminCli.RunAsync(args, Console.Out, Console.Error);
}

var app = ClawverseApp.Build(args);
await ClawverseApp.PrepareAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
