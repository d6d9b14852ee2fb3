using System.Globalization;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Profile;

/// <summary>
/// Profile field rules. For the optional fields, a missing (or null) value leaves the field as it
/// is and an empty string clears it.
/// </summary>
internal static partial class ProfileValidation
{
    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocalePattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-.]{3,50}$")]
    private static partial Regex PhonePattern();

    /// <summary>An IANA id this server knows ("Europe/Berlin", "UTC"); Windows ids are refused.</summary>
    public static bool IsTimeZone(string value) =>
        value.Length <= PlatformUser.MaxTimeZoneLength
        && TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone)
        && zone.HasIanaId;

    /// <summary>A BCP 47 name of a culture this server knows ("en", "en-GB", "ru-RU").</summary>
    public static bool IsLocale(string value)
    {
        if (value.Length > PlatformUser.MaxLocaleLength || !LocalePattern().IsMatch(value))
            return false;
        try
        {
            return CultureInfo.GetCultureInfo(value, predefinedOnly: true) is { Name.Length: > 0 };
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    public static FieldErrors Validate(this FieldErrors errors, UpdateProfileRequest request)
    {
        if (request.DisplayName is not null)
            errors.Required("displayName", request.DisplayName, PlatformUser.MaxDisplayNameLength);
        errors.Optional("position", request.Position, PlatformUser.MaxPositionLength);
        if (request.Phone is { Length: > 0 } phone && !IsPhone(phone.Trim()))
            errors.Add("phone", "must be a phone number: digits, spaces, + ( ) - . (at most 50 characters).");
        if (request.TimeZone is { Length: > 0 } zone && !IsTimeZone(zone.Trim()))
            errors.Add("timeZone", "must be an IANA time zone id such as \"Europe/Berlin\".");
        if (request.Locale is { Length: > 0 } locale && !IsLocale(locale.Trim()))
            errors.Add("locale", "must be a known locale such as \"en-GB\".");
        return errors;
    }

    /// <summary>null: leave as is; "" (or blanks): clear; otherwise the trimmed value.</summary>
    public static string? Apply(string? current, string? requested) =>
        requested is null ? current : requested.Trim() is { Length: > 0 } value ? value : null;
}
