using Platform.BuildingBlocks.Database;

namespace Platform.Host.Cli;

/// <summary><c>Platform.Host migrate</c>: applies every module's migrations and exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        var started = TimeProvider.System.GetTimestamp();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        Console.WriteLine($"Database is up to date ({TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s).");
        return 0;
    }
}
