using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// An opaque keyset-paging cursor: the sort key of the last row returned (a timestamp and an id
/// as tie-breaker). Clients pass it back unchanged as <c>after</c>.
/// </summary>
public readonly record struct Cursor(DateTimeOffset Timestamp, Guid Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Timestamp.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    public static bool TryDecode(string? value, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(value) || value.Length > 64)
            return false;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(value);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length != 24)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8), bigEndian: true));
        return true;
    }
}
