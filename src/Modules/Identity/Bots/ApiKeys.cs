using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Platform.Modules.Identity.Bots;

/// <summary>
/// Bot API keys: <c>plt_</c> + 32 random bytes (base64url). The prefix lets the server route the
/// header without a lookup, and lets secret scanners recognise a leaked key.
/// </summary>
internal static class ApiKeys
{
    public const string Prefix = "plt_";
    private const string BearerPrefix = "Bearer ";
    private const int MaxKeyLength = 100;

    public static string Generate() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HintOf(string key) => key[..Math.Min(key.Length, Prefix.Length + 4)];

    /// <summary>Whether the request carries <c>Authorization: Bearer plt_…</c>.</summary>
    public static bool IsPresent(HttpRequest request) => TryRead(request, out _);

    public static bool TryRead(HttpRequest request, out string key)
    {
        key = string.Empty;
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var value = header[BearerPrefix.Length..].Trim();
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        key = value.Length <= MaxKeyLength ? value : string.Empty;
        return true;
    }
}
