using System.Text;

namespace Platform.Modules.Tasks.MailIntake;

/// <summary>
/// Mail text made storable. A request's text with a NUL is refused (StorableTextConverter), but a mail cannot be
/// sent back: refusing it would only make RabbitMQ redeliver it for ever, so what PostgreSQL cannot store is
/// dropped instead (NUL) or replaced (a lone surrogate, which Npgsql's strict UTF-8 encoder rejects), and
/// over-long text is cut, never in the middle of a surrogate pair.
/// </summary>
internal static class MailText
{
    public const string NoSubject = "(no subject)";

    public static string Storable(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && clean.Length < maxLength; i++)
        {
            var c = text[i];
            if (c == '\0')
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (clean.Length + 2 > maxLength)
                    break;
                clean.Append(c).Append(text[++i]);
            }
            else
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return clean.ToString();
    }

    /// <summary>A task title from a subject: one line (a folded header may keep its line breaks), trimmed, never empty.</summary>
    public static string Title(string? subject, int maxLength)
    {
        var line = new string((subject ?? string.Empty).Where(c => c != '\0').Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        var title = Storable(line, maxLength).Trim();
        return title.Length == 0 ? NoSubject : title;
    }

    /// <summary>A correspondent as stored on a task: trimmed, within the column's limits; null for an empty address.</summary>
    public static Domain.TaskCorrespondent? Correspondent(string? address, string? name)
    {
        var storedAddress = Storable(address?.Trim(), Domain.TaskCorrespondent.MaxAddressLength);
        if (storedAddress.Length == 0)
            return null;
        var storedName = Storable(name?.Trim(), Domain.TaskCorrespondent.MaxNameLength).Trim();
        return new Domain.TaskCorrespondent(storedAddress, storedName.Length == 0 ? null : storedName);
    }
}
