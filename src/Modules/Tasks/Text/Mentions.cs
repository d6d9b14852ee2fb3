using System.Text.RegularExpressions;

namespace Platform.Modules.Tasks.Text;

/// <summary>
/// @mentions in comment text. The client writes them as <c>@[Display name](user:GUID)</c>; the
/// server adds each mentioned member of the organisation to the task's participants.
/// </summary>
internal static partial class Mentions
{
    [GeneratedRegex(@"@\[[^\]\r\n]{0,200}\]\(user:(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex MentionPattern();

    /// <summary>At most 50 distinct ids: a comment that names more is not a mention, it is a mailing.</summary>
    public static IReadOnlyList<Guid> Find(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : MentionPattern().Matches(text).Select(m => Guid.Parse(m.Groups["id"].Value)).Distinct().Take(50).ToList();
}
