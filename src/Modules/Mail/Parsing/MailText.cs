using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Platform.Modules.Mail.Parsing;

/// <summary>
/// The text a task or comment shows for a message: the text/plain body, or the HTML body converted to plain text by
/// <see cref="HtmlText"/> (which keeps no markup at all, so no script, style or remote image survives), trimmed to a
/// limit. For replies the quoted history and the signature are cut off: what the person wrote now is what the
/// comment says, the rest is in the thread already.
/// </summary>
internal static partial class MailText
{
    public static string Body(MimeMessage message, int maxLength)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
            text = HtmlText.Convert(html, maxLength);
        return Limit(Clean(text ?? string.Empty), maxLength);
    }

    /// <summary>What a reply says above the quoted message it answers and above the sender's signature.</summary>
    public static string Reply(string body)
    {
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        // A quote after the last line of one's own (the original, quoted below the answer) ends the new text;
        // a quote between own lines (answers written inline) stays.
        var lastOwn = Array.FindLastIndex(lines, l => !l.StartsWith('>') && !string.IsNullOrWhiteSpace(l));
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // The signature separator ("-- ") and the markers clients put above the quoted original end the new text.
            if (line is "-- " or "--" || OriginalMessage().IsMatch(line) || AttributionLine().IsMatch(line))
                break;
            if (line.StartsWith('>') && i > lastOwn)
                break;
            kept.Add(line);
        }

        var result = string.Join('\n', kept).Trim();
        // A reply that is nothing but quote (a forward, a mistake) keeps everything rather than nothing.
        return result.Length > 0 ? result : body.Trim();
    }

    public static string Subject(MimeMessage message, int maxLength)
    {
        var subject = Clean(message.Subject ?? string.Empty).ReplaceLineEndings(" ").Trim();
        return Limit(subject, maxLength);
    }

    /// <summary>PostgreSQL text cannot hold NUL; other control characters but tab and line breaks are noise from broken mail.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsControl(c) || c is '\n' or '\t')
                builder.Append(c);
        return builder.ToString().Trim();
    }

    private static string Limit(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        const string cut = "\n\n[… the rest of the message was cut: it was longer than the limit]";
        var end = maxLength - cut.Length;
        // Never split a surrogate pair.
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            end--;
        return string.Concat(text.AsSpan(0, end), cut);
    }

    // Outlook, Exchange and many others: "-----Original Message-----", in English and the languages our users write.
    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Исходное сообщение|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Пересылаемое сообщение)\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    // "On Mon, 7 Dec 2026 at 10:00, Bob <bob@example.test> wrote:" / "7 дек. 2026 г., в 10:00, Bob <…> написал(а):".
    [GeneratedRegex(@"^\s*(On\s.+\swrote:|.+\s(написал|написала|написал\(а\)):|Am\s.+\sschrieb.*:|Le\s.+\sa écrit\s?:)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionLine();
}
