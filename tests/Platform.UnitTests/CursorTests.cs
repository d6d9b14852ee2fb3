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

    [Fact]
    public void A_text_cursor_survives_the_round_trip_with_any_unicode_text()
    {
        var name = new TextCursor("Города — «справочник» 😀", Guid.CreateVersion7());
        Assert.True(TextCursor.TryDecode(name.Encode(), 200, out var decoded));
        Assert.Equal(name, decoded);
        var key = new TextCursor("SKU-000001 ü", Guid.Empty);
        Assert.True(TextCursor.TryDecode(key.Encode(), 200, out var decodedKey));
        Assert.Equal(key, decodedKey);
        Assert.False(TextCursor.TryDecode(name.Encode(), 5, out _)); // longer than the list's texts can be
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("AAAA")]
    [InlineData("_w")]
    public void Text_cursor_garbage_is_rejected_not_thrown(string value) => Assert.False(TextCursor.TryDecode(value, 200, out _));

    [Fact]
    public void A_text_cursor_with_invalid_utf8_or_a_nul_is_rejected()
    {
        var invalid = new byte[18];
        invalid[16] = 0xC3; // a lead byte without its continuation
        Assert.False(TextCursor.TryDecode(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(invalid), 200, out _));
        Assert.False(TextCursor.TryDecode(new TextCursor("a\0b", Guid.Empty).Encode(), 200, out _));
    }
}
