namespace Platform.AppHostTests;

/// <summary>
/// A temp folder holding one test's AppHost data folder (<c>--data</c>). Its unique path also marks every process of
/// the run (see <see cref="ProcessTable"/>); on dispose whatever of them is still running is killed (only after a
/// failed test: a passing one proves there is nothing) and the folder is deleted.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public RunFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "platform-apphost-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>What the tests pass as <c>--data data</c> from <see cref="Root"/>: a relative path, taken from the current folder.</summary>
    public string DataDirectory => Path.Combine(Root, "data");

    public void Dispose()
    {
        foreach (var process in ProcessTable.BelongingTo(null, Root))
        {
            try
            {
                using var leftover = System.Diagnostics.Process.GetProcessById(process.Pid);
                leftover.Kill();
                leftover.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files never fail a run.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: PostgreSQL's files belong to the postgres user when the tests run as root, or as another user.
        }
    }
}
