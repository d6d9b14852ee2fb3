namespace Platform.BuildingBlocks.Database;

public static class DatabaseClock
{
    /// <summary>
    /// Now, truncated to PostgreSQL's microsecond precision, so a timestamp the API returns right
    /// after a write is the same one every later read returns (and can be compared or used as a
    /// cursor).
    /// </summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
