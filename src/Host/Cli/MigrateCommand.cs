namespace Platform.Host.Cli;

/// <summary>
/// <c>Platform.Host migrate</c>: the migrations ran while the command started (every one-shot
/// command migrates first); this reports it and exits, for deploy pipelines that migrate before
/// rolling out nodes with <c>Platform:Database:MigrateOnStart=false</c>.
/// </summary>
internal static class MigrateCommand
{
    public static Task<int> RunAsync(WebApplication app)
    {
        app.Logger.LogInformation("Database is up to date.");
        Console.WriteLine("Database is up to date.");
        return Task.FromResult(0);
    }
}
