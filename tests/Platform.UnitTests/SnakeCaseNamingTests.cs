using Platform.BuildingBlocks.Database;

namespace Platform.UnitTests;

public sealed class SnakeCaseNamingTests
{
    [Theory]
    [InlineData("OrganizationId", "organization_id")]
    [InlineData("PK_Tasks", "pk_tasks")]
    [InlineData("IX_Users_NormalizedEmail", "ix_users_normalized_email")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("Sha256Hash", "sha256_hash")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("", "")]
    public void Names_become_snake_case(string input, string expected) => Assert.Equal(expected, SnakeCaseNaming.ToSnakeCase(input));

    [Fact]
    public void Database_time_is_truncated_to_whole_microseconds()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(12_345_678));
        Assert.Equal(12_345_670, time.GetUtcNowForDatabase().UtcTicks % TimeSpan.TicksPerDay);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
