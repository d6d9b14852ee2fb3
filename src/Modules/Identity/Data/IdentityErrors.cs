using Microsoft.AspNetCore.Identity;

namespace Platform.Modules.Identity.Data;

/// <summary>Maps ASP.NET Core Identity's error codes onto the request's field names.</summary>
internal static class IdentityErrors
{
    public static Dictionary<string, string[]> ToFieldErrors(IdentityResult result, string passwordField, string emailField) =>
        result.Errors
            .GroupBy(e => e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                var c when c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal) => emailField,
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
