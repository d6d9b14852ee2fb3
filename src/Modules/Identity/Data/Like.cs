namespace Platform.Modules.Identity.Data;

/// <summary>Builds ILIKE patterns from user input (with <c>\</c> as the escape character).</summary>
internal static class Like
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
