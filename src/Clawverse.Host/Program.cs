using Clawverse.Host;

var app = ClawverseApp.Build(args);
await ClawverseApp.PrepareAsync(app);
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
