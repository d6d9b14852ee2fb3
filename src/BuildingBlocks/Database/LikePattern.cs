namespace Platform.BuildingBlocks.Database;

/// <summary>
/// LIKE/ILIKE patterns from what a user typed: their <c>%</c>, <c>_</c> and <c>\</c> are matched
/// literally (use with <c>ESCAPE '\'</c>, or pass <see cref="EscapeCharacter"/> to EF's <c>ILike</c>).
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Matches <paramref name="value"/> anywhere in the text.</summary>
    public static string Contains(string value) => "%" + Escape(value) + "%";
}
