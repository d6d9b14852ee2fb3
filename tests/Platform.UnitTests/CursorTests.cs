using Platform.BuildingBlocks.Web;

namespace Platform.UnitTests;

public sealed class CursorTests
{
    [Fact]
    public void A_cursor_survives_the_round_trip_exactly()
    {
        var cursor = new Cursor(new DateTimeOffset(2026, 11, 21, 10, 30, 15, TimeSpan.Zero).AddTicks(1234560), Guid.CreateVersion7());
        Assert.True(Cursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("AAAA")]
    [InlineData("____________________________________________________________________________")]
    public void Garbage_is_rejected_not_thrown(string value) => Assert.False(Cursor.TryDecode(value, out _));

    [Fact]
    public void Out_of_range_timestamps_are_rejected()
    {
        var bytes = new byte[24];
        Array.Fill(bytes, (byte)0xFF);
        Assert.False(Cursor.TryDecode(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes), out _));
    }
}
